/**
 * The date histogram endpoint. The bucket list is every bucket holding at least one event
 * that matches the scope; each report counts its own matches in those buckets, so every
 * report of a call shares one bucket list, zero counts included, while buckets where nothing
 * at all happened are left out (the reference's examples have exactly that shape).
 * `page`/`per_page` slice the bucket list, page 1 being the oldest.
 */
import { bucketStart, nextBucketStart, parseInterval, type Interval } from '../authy/interval';
import type { Bucket, HistogramResponse } from '../authy/responses';
import type { HistogramQuery } from '../authy/schemas';
import { isoTime } from './materialize';
import { compileFilter, passes, type CompiledFilter } from './query-engine';
import type { Table } from './table';

export function runHistogram(table: Table, q: HistogramQuery): HistogramResponse {
  const interval = parseInterval(q.interval) as Interval; // validated by the schema
  const scope = compileFilter(table, q.scope);
  const reports = q.reports.map((report) => compileFilter(table, report.conditions));
  const { starts, counts } = countBuckets(table.store.time, interval, scope, reports);

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

/**
 * First the bucket of every event in scope (buckets advance with time, as events are
 * sorted), then one tight loop per report over that bucket column.
 */
function countBuckets(times: Float64Array, interval: Interval, scope: CompiledFilter, reports: CompiledFilter[]) {
  const starts: number[] = [];
  const bucketOf = new Int32Array(scope.hi - scope.lo).fill(-1);
  let bucketEnd = -Infinity;
  const everything = scope.clauses.length === 0 && scope.tests.length === 0;
  for (let i = scope.lo; i < scope.hi; i++) {
    if (!everything && !passes(scope, i)) continue;
    const t = times[i];
    if (t >= bucketEnd) {
      const start = bucketStart(t, interval);
      bucketEnd = nextBucketStart(start, interval);
      starts.push(start);
    }
    bucketOf[i - scope.lo] = starts.length - 1;
  }
  const counts =
    countTogether(reports, scope.lo, bucketOf, starts.length) ??
    reports.map((report) => countReport(report, scope.lo, bucketOf, starts.length));
  return { starts, counts };
}

/**
 * The usual call (`report[x][event][eq]=...` for a few x): every report one condition on
 * the same column, none narrowing time. Then one pass suffices: per code, a bit mask of
 * the reports it passes.
 */
function countTogether(reports: CompiledFilter[], offset: number, bucketOf: Int32Array, buckets: number) {
  const first = reports[0]?.clauses[0];
  const shared =
    first &&
    reports.length <= 31 &&
    reports.every(
      (r) =>
        r.clauses.length === 1 &&
        r.tests.length === 0 &&
        r.clauses[0].codes === first.codes &&
        r.lo <= offset &&
        r.hi >= offset + bucketOf.length,
    );
  if (!shared) return null;
  const masks = new Int32Array(first.pass.length);
  reports.forEach((r, bit) => r.clauses[0].pass.forEach((pass, code) => (masks[code] |= pass << bit)));
  const counts = reports.map(() => new Int32Array(buckets));
  const codes = first.codes;
  for (let k = 0; k < bucketOf.length; k++) {
    const b = bucketOf[k];
    if (b < 0) continue;
    for (let m = masks[codes[k + offset]]; m !== 0; m &= m - 1) counts[31 - Math.clz32(m & -m)][b]++;
  }
  return counts;
}

function countReport(report: CompiledFilter, offset: number, bucketOf: Int32Array, buckets: number): Int32Array {
  const counts = new Int32Array(buckets);
  const from = Math.max(report.lo, offset);
  const to = Math.min(report.hi, offset + bucketOf.length);
  if (report.clauses.length === 1 && report.tests.length === 0) {
    // The common case (one condition such as event eq x), kept free of calls.
    const { pass, codes } = report.clauses[0];
    for (let i = from; i < to; i++) {
      const b = bucketOf[i - offset];
      if (b >= 0 && pass[codes[i]] === 1) counts[b]++;
    }
    return counts;
  }
  for (let i = from; i < to; i++) {
    const b = bucketOf[i - offset];
    if (b >= 0 && passes(report, i)) counts[b]++;
  }
  return counts;
}
