/**
 * Counting for the date histogram. Events are sorted by time, so each bucket is a contiguous
 * run of indexes: its bounds come from one binary search per bucket, and counting is a
 * plain scan with no per-event bucket arithmetic.
 */
import { bucketStart, nextBucketStart, type Interval } from '../authy/interval';
import { addCodeCounts, type Postings } from './postings';
import { passes, type Clause, type CompiledFilter } from './query-engine';
import { lowerBound } from './store';

/** Bucket b holds the events in [bounds[b], bounds[b + 1]) and starts at starts[b]. */
export type BucketRanges = { starts: number[]; bounds: number[] };

export function bucketRanges(times: Float64Array, lo: number, hi: number, interval: Interval): BucketRanges {
  const starts: number[] = [];
  const bounds: number[] = [];
  for (let i = lo; i < hi;) {
    const start = bucketStart(times[i], interval);
    starts.push(start);
    bounds.push(i);
    i = lowerBound(times, nextBucketStart(start, interval), i + 1, hi);
  }
  bounds.push(hi);
  return { starts, bounds };
}

const isEverything = (filter: CompiledFilter) => filter.clauses.length === 0 && filter.tests.length === 0;

/** Which buckets hold at least one event matching the scope. */
export function bucketsInScope(ranges: BucketRanges, scope: CompiledFilter): boolean[] {
  return ranges.starts.map((_, b) => {
    if (isEverything(scope)) return true;
    for (let i = ranges.bounds[b]; i < ranges.bounds[b + 1]; i++) if (passes(scope, i)) return true;
    return false;
  });
}

/** counts[r][b]: events of bucket b that pass the scope and report r. */
export function countReports(
  ranges: BucketRanges,
  scope: CompiledFilter,
  reports: CompiledFilter[],
  postings: (codes: Int32Array) => Postings,
): Int32Array[] {
  return (
    countByPostings(ranges, scope, reports, postings) ??
    countTogether(ranges, scope, reports) ??
    reports.map((report) => countOne(ranges, scope, report))
  );
}

/**
 * With no scope condition beyond time and one condition per report, counts come from the
 * posting lists of the passing codes: two binary searches per bucket and code. Worth it
 * while that is cheaper than scanning the events (few buckets, few codes).
 */
function countByPostings(
  ranges: BucketRanges,
  scope: CompiledFilter,
  reports: CompiledFilter[],
  postings: (codes: Int32Array) => Postings,
): Int32Array[] | null {
  const lo = ranges.bounds[0];
  const hi = ranges.bounds[ranges.bounds.length - 1];
  const simple = (r: CompiledFilter) => r.clauses.length === 1 && r.tests.length === 0 && r.lo <= lo && r.hi >= hi;
  if (!isEverything(scope) || reports.length === 0 || !reports.every(simple)) return null;
  const passing = reports.map((r) => r.clauses[0].pass.reduce((n, pass) => n + pass, 0));
  const searches = 2 * ranges.starts.length * passing.reduce((a, b) => a + b, 0) * Math.log2(hi - lo + 2);
  if (searches > hi - lo) return null;
  return reports.map((report) => {
    const { codes, pass } = report.clauses[0];
    const lists = postings(codes);
    const counts = new Int32Array(ranges.starts.length);
    for (let c = 1; c < pass.length; c++) if (pass[c] === 1) addCodeCounts(lists, c, ranges.bounds, counts);
    return counts;
  });
}

function countOne(ranges: BucketRanges, scope: CompiledFilter, report: CompiledFilter): Int32Array {
  const { bounds } = ranges;
  const counts = new Int32Array(ranges.starts.length);
  const checkScope = !isEverything(scope);
  for (let b = 0; b < counts.length; b++) {
    const to = Math.min(bounds[b + 1], report.hi);
    for (let i = Math.max(bounds[b], report.lo); i < to; i++) {
      if ((!checkScope || passes(scope, i)) && passes(report, i)) counts[b]++;
    }
  }
  return counts;
}

/**
 * The usual call (`report[x][event][eq]=...` for a few x): every report is one condition on
 * the same column and none narrows time. One pass then serves all reports: per code, a bit
 * mask of the reports it passes.
 */
function countTogether(ranges: BucketRanges, scope: CompiledFilter, reports: CompiledFilter[]): Int32Array[] | null {
  const first = reports[0]?.clauses[0];
  const lo = ranges.bounds[0];
  const hi = ranges.bounds[ranges.bounds.length - 1];
  const shared =
    first &&
    reports.length <= 31 &&
    reports.every(
      (r) =>
        r.clauses.length === 1 &&
        r.tests.length === 0 &&
        r.clauses[0].codes === first.codes &&
        r.lo <= lo &&
        r.hi >= hi,
    );
  if (!shared) return null;
  const masks = new Int32Array(first.pass.length);
  reports.forEach((r, bit) => r.clauses[0].pass.forEach((pass, code) => (masks[code] |= pass << bit)));
  const counts = reports.map(() => new Int32Array(ranges.starts.length));
  const { codes } = first;
  const { bounds } = ranges;
  const gate = scopeGate(scope, first);
  if (!gate) {
    for (let b = 0; b < ranges.starts.length; b++) {
      for (let i = bounds[b]; i < bounds[b + 1]; i++) {
        if (!passes(scope, i)) continue;
        for (let m = masks[codes[i]]; m !== 0; m &= m - 1) counts[31 - Math.clz32(m & -m)][b]++;
      }
    }
    return counts;
  }
  const gatePass = gate.pass;
  const gateCodes = gate.codes;
  for (let b = 0; b < ranges.starts.length; b++) {
    const end = bounds[b + 1];
    for (let i = bounds[b]; i < end; i++) {
      // Both lookups always run, so the branch below depends on one combined value.
      const m = masks[codes[i]] & -gatePass[gateCodes[i]];
      if (m !== 0) for (let rest = m; rest !== 0; rest &= rest - 1) counts[31 - Math.clz32(rest & -rest)][b]++;
    }
  }
  return counts;
}

/**
 * The scope as one array lookup when it is one (no condition: a gate that lets everything
 * through; one coded condition: that clause), so the hot loop makes no calls.
 */
function scopeGate(scope: CompiledFilter, reportClause: Clause): Clause | null {
  if (isEverything(scope)) return { codes: reportClause.codes, pass: new Uint8Array(reportClause.pass.length).fill(1) };
  return scope.clauses.length === 1 && scope.tests.length === 0 ? scope.clauses[0] : null;
}
