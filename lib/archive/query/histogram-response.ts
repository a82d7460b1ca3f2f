/**
 * A histogram's response from its page of buckets, shared by every local source of one (the
 * events, their counts, the rollups) so they cannot disagree on the shape: one list of buckets
 * per report, every report listing the same buckets, reports by name in code-unit order.
 */
import type { Bucket, HistogramResponse } from '../../authy/responses';
import type { HistogramQuery } from '../../authy/schemas';

/** One bucket of the page: its start (epoch ms) and each report's count, in `q.reports` order. */
export type BucketRow = { start: number; counts: number[] };

export function histogramResponse(q: HistogramQuery, page: readonly BucketRow[]): HistogramResponse {
  const names = q.reports.map((report) => report.name);
  const order = names.map((_, r) => r).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const reports: Record<string, Bucket[]> = {};
  for (const r of order) {
    reports[names[r]] = page.map((row) => ({
      timestamp: row.start,
      time: new Date(row.start).toISOString(),
      count: row.counts[r],
    }));
  }
  return { interval: q.interval, reports, success: true };
}
