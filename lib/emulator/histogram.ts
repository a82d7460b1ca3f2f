/**
 * The date histogram endpoint. The bucket list is every bucket holding at least one event
 * that matches the scope; each report counts its own matches in those buckets, so every
 * report of a call shares one bucket list, zero counts included, while buckets where nothing
 * at all happened are left out (the reference's examples have exactly that shape).
 * `page`/`per_page` slice the bucket list, page 1 being the oldest.
 */
import { parseInterval, type Interval } from '../authy/interval';
import type { Bucket, HistogramResponse } from '../authy/responses';
import type { HistogramQuery } from '../authy/schemas';
import { isoTime } from './materialize';
import { bucketRanges, bucketsInScope, countReports } from './bucket-count';
import { compileFilter } from './query-engine';
import type { Table } from './table';
import type { Visibility } from './visibility';

export function runHistogram(table: Table, q: HistogramQuery, visible: Visibility): HistogramResponse {
  const interval = parseInterval(q.interval) as Interval; // validated by the schema
  const scope = compileFilter(table, q.scope, visible);
  const reports = q.reports.map((report) => compileFilter(table, report.conditions));
  const ranges = bucketRanges(table.store.time, scope.lo, scope.hi, interval);
  const allCounts = countReports(ranges, scope, reports, (codes) => table.postings(codes));
  // Keep the buckets where the scope matched something; every report shares them.
  const kept = bucketsInScope(ranges, scope).flatMap((inScope, b) => (inScope ? [b] : []));
  const starts = kept.map((b) => ranges.starts[b]);
  const counts = allCounts.map((perBucket) => kept.map((b) => perBucket[b]));

  const from = (q.page - 1) * q.per_page;
  const to = Math.min(starts.length, from + q.per_page);
  const names = q.reports.map((report) => report.name);
  const order = names.map((_, r) => r).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const out: Record<string, Bucket[]> = {};
  for (const r of order) {
    const buckets: Bucket[] = [];
    for (let b = from; b < to; b++)
      buckets.push({ timestamp: starts[b], time: isoTime(starts[b]), count: counts[r][b] });
    out[names[r]] = buckets;
  }
  return { interval: q.interval, reports: out, success: true };
}
