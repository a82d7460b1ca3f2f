/**
 * Turning histogram answers into chart rows. The upstream leaves out buckets where nothing
 * happened; the charts draw them as zero, over the whole window, using the same bucket
 * boundaries as the server (lib/authy/interval.ts).
 */
import { bucketStartsBetween, type Interval } from '@/lib/authy/interval';
import type { Bucket } from '@/lib/authy/responses';
import type { TimeWindow } from '@/lib/ranges';

/** One point in time and each series' count there. */
export type SeriesRow = { t: number; [series: string]: number };

/** Counts aligned with `starts`: each bucket's count, or 0 where the answer has none. */
export function fillBuckets(buckets: readonly Bucket[], starts: readonly number[]): number[] {
  const byStart = new Map<number, number>();
  for (const bucket of buckets) byStart.set(bucket.timestamp, (byStart.get(bucket.timestamp) ?? 0) + bucket.count);
  return starts.map((start) => byStart.get(start) ?? 0);
}

/** Rows for every bucket of `window`, one column per series name, missing buckets as 0. */
export function toSeriesRows(
  reports: Readonly<Record<string, readonly Bucket[]>>,
  names: readonly string[],
  window: TimeWindow,
  interval: Interval,
): SeriesRow[] {
  const starts = bucketStartsBetween(window.from, window.to, interval);
  const columns = names.map((name) => fillBuckets(reports[name] ?? [], starts));
  return starts.map((t, i) => {
    const row: SeriesRow = { t };
    names.forEach((name, s) => {
      row[name] = columns[s][i];
    });
    return row;
  });
}

/** The sum of one series over the rows whose bucket starts inside `window`. */
export function sumSeries(rows: readonly SeriesRow[], name: string, window: TimeWindow): number {
  let total = 0;
  for (const row of rows) if (row.t >= window.from && row.t < window.to) total += row[name] ?? 0;
  return total;
}
