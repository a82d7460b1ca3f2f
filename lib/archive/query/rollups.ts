/**
 * Answers from the rollups the sync keeps for periods it holds no events of (sync/rollups.ts):
 * hourly counts per event name, and each UTC day's top terms of the country and the device
 * type. `rollupHolds` says whether they answer a query exactly over its window (`windowOf` in
 * ../answers.ts: the query's `time` conditions intersected); `rollupAnswer` then answers it with
 * the API's semantics and shapes, the same as histogram.ts and terms.ts give over the same
 * events. "Exactly" is the point: a period the rollups only approximate is not answered here.
 *
 * A rollup row is a period (an hour or a day) and what it counts, so a condition is answered
 * only when it is constant over each period: one on the event name (an hourly row has it), or
 * one on `time` with no boundary inside a period of the window. Such a condition can be tested
 * at the period's start. Inside a span of its kind, a period without rows counted nothing.
 */
import { parseIsoTime } from '../../authy/attributes';
import type { Condition } from '../../authy/bracket-codec';
import { bucketStart, parseInterval, type Interval as Buckets } from '../../authy/interval';
import type { HistogramResponse, Term, TermsResponse } from '../../authy/responses';
import type { Endpoint, HistogramQuery, TermsQuery, UpstreamQuery } from '../../authy/schemas';
import { LIMITS, type Operator } from '../../authy/vocabulary';
import type { ResponseOf } from '../../reporting/types';
import { covers, DAY, HOUR, mergeIntervals, type Interval } from '../sync/intervals';
import { ROLLUP_FIELDS, type RollupStore } from '../sync/rollup-store';
import type { RollupField, RollupKind } from '../sync/schema';
import { timeBoundaries } from './conditions';
import { histogramResponse, type BucketRow } from './histogram-response';
import { resolveTarget } from './target';

/** What the answers read of the rollups: a RollupStore, or anything that answers the same. */
export type RollupSource = Pick<RollupStore, 'spans' | 'hourly' | 'dailyTerms'>;

/**
 * How many terms the sync keeps of each day (`topTerms` asks for the API's largest `size`). A
 * day listing fewer is complete; a day listing this many may have been cut.
 */
const DAY_TERMS = LIMITS.size.max;

/** Whether the rollups answer `query` exactly over `window` (see the module's comment). */
export async function rollupHolds(source: RollupSource, query: UpstreamQuery, window: Interval): Promise<boolean> {
  switch (query.endpoint) {
    case 'date_histogram':
      return histogramPlan(query.params, window) !== null && (await covered(source, 'hourly', window));
    case 'terms':
      return (await termsAnswer(source, query.params, window)) !== null;
    case 'events':
      // Rollups hold counts, never an event.
      return false;
  }
}

/** The answer from the rollups, for a query `rollupHolds` holds; anything else throws. */
export async function rollupAnswer<E extends Endpoint>(
  source: RollupSource,
  query: Extract<UpstreamQuery, { endpoint: E }>,
  window: Interval,
): Promise<ResponseOf[E]> {
  const q: UpstreamQuery = query;
  const answer =
    q.endpoint === 'date_histogram'
      ? await histogramAnswer(source, q.params, window)
      : q.endpoint === 'terms'
        ? await termsAnswer(source, q.params, window)
        : null;
  // A figure that is not exact must not be handed on as one.
  if (answer === null) throw new Error(`the rollups do not answer this ${q.endpoint} query exactly`);
  return answer as ResponseOf[E];
}

// ---- Conditions, per period ----

/** A rollup row's period: its start, and the event name it counts (hourly rows only). */
type Period = { start: number; event?: string };
type Test = (period: Period) => boolean;

type Comparable = string | number;
const COMPARE: Record<Exclude<Operator, 'lk'>, (a: Comparable, b: Comparable) => boolean> = {
  eq: (a, b) => a === b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
};

/**
 * A condition as a test of one period, or null when a rollup row cannot tell: `lk` (the
 * API's pattern rules are the SQL engine's business), a time value that does not parse, or
 * any field but `time` and (when `names`) `event`. Strings compare in code-unit order, as
 * the API does.
 */
function periodTest(c: Condition, names: boolean): Test | null {
  if (c.operator === 'lk') return null;
  const compare = COMPARE[c.operator];
  const target = resolveTarget(c.attribute);
  if (target.kind === 'time') {
    const at = parseIsoTime(c.value);
    return at === null ? null : (p) => compare(p.start, at);
  }
  if (names && target.kind === 'column' && target.column === 'event') {
    return (p) => p.event !== undefined && compare(p.event, c.value);
  }
  return null;
}

/** All of `conditions` as one test (they AND together), or null when one cannot be tested. */
function allTest(conditions: readonly Condition[], names: boolean): Test | null {
  const tests: Test[] = [];
  for (const c of conditions) {
    const test = periodTest(c, names);
    if (test === null) return null;
    tests.push(test);
  }
  return (p) => tests.every((test) => test(p));
}

/** Whether the window is made of whole periods of `unit` (epoch-aligned: UTC hours and days). */
function whole(window: Interval, unit: number): boolean {
  return window.from % unit === 0 && window.to % unit === 0;
}

/**
 * Whether each `time` condition is constant over every period of `unit` in the window: every
 * instant where one changes its answer (timeBoundaries) is outside the window or a period's start.
 */
function constantOver(conditions: readonly Condition[], window: Interval, unit: number): boolean {
  const boundaries = timeBoundaries(conditions);
  return boundaries !== null && boundaries.every((b) => b <= window.from || b >= window.to || b % unit === 0);
}

async function covered(source: RollupSource, kind: RollupKind, window: Interval): Promise<boolean> {
  return covers(mergeIntervals(await source.spans(kind)), window.from, window.to);
}

// ---- date_histogram, from the hourly counts ----

type HistogramPlan = { buckets: Buckets; scope: Test; reports: Test[] };

/**
 * How hourly counts answer `q` over the window, or null when they cannot exactly: each bucket
 * must be a union of whole UTC hours (every named interval but `minute`; epoch-aligned lengths
 * of whole hours), the window whole hours, and every condition (scope and reports) testable
 * per hour.
 */
function histogramPlan(q: HistogramQuery, window: Interval): HistogramPlan | null {
  const buckets = parseInterval(q.interval);
  if (buckets === null) return null;
  if (buckets.kind === 'fixed' ? buckets.ms % HOUR !== 0 : buckets.unit === 'minute') return null;
  if (!whole(window, HOUR)) return null;
  if (!constantOver([...q.scope, ...q.reports.flatMap((r) => r.conditions)], window, HOUR)) return null;
  const scope = allTest(q.scope, true);
  const reports: Test[] = [];
  for (const report of q.reports) {
    const test = allTest(report.conditions, true);
    if (test === null) return null;
    reports.push(test);
  }
  return scope === null ? null : { buckets, scope, reports };
}

/**
 * As histogram.ts: the buckets where the scope matched at least one event (oldest first,
 * paged), each report's count of scope and its conditions in each, zero included.
 */
async function histogramAnswer(
  source: RollupSource,
  q: HistogramQuery,
  window: Interval,
): Promise<HistogramResponse | null> {
  const plan = histogramPlan(q, window);
  if (plan === null || !(await covered(source, 'hourly', window))) return null;
  const buckets = new Map<number, BucketRow & { scoped: number }>();
  for (const row of await source.hourly(window.from, window.to)) {
    const period = { start: row.hour, event: row.event };
    if (row.count <= 0 || !plan.scope(period)) continue;
    const start = bucketStart(row.hour, plan.buckets);
    let bucket = buckets.get(start);
    if (!bucket) {
      bucket = { start, scoped: 0, counts: q.reports.map(() => 0) };
      buckets.set(start, bucket);
    }
    bucket.scoped += row.count;
    for (let r = 0; r < plan.reports.length; r++) if (plan.reports[r](period)) bucket.counts[r] += row.count;
  }
  const listed = [...buckets.values()].sort((a, b) => a.start - b.start);
  const offset = (q.page - 1) * q.per_page;
  return histogramResponse(q, listed.slice(offset, offset + q.per_page));
}

// ---- terms, from each day's top terms ----

/** Which daily rollup counts `attribute` (resolved as the SQL engine resolves it), if any. */
function rollupFieldOf(attribute: string): RollupField | null {
  const target = resolveTarget(attribute);
  if (target.kind !== 'column') return null;
  const fields = Object.keys(ROLLUP_FIELDS) as RollupField[];
  return (
    fields.find((field) => {
      const rolled = resolveTarget(ROLLUP_FIELDS[field]);
      return rolled.kind === 'column' && rolled.column === target.column;
    }) ?? null
  );
}

/**
 * As terms.ts, or null when the daily lists cannot answer exactly: the field must be one
 * rolled up, the scope on `time` only (a day's list counts every event of the day), the window
 * whole UTC days held for that field, `size` within a day's list, and every day's list
 * complete. The sum of complete lists is every count, so its top `size` is the API's.
 */
async function termsAnswer(source: RollupSource, q: TermsQuery, window: Interval): Promise<TermsResponse | null> {
  const field = rollupFieldOf(q.field);
  if (field === null || q.size > DAY_TERMS || !whole(window, DAY)) return null;
  const scope = constantOver(q.scope, window, DAY) ? allTest(q.scope, false) : null;
  if (scope === null || !(await covered(source, field, window))) return null;
  const rows = await source.dailyTerms(field, window.from, window.to);
  const listed = new Map<number, number>();
  for (const row of rows) listed.set(row.day, (listed.get(row.day) ?? 0) + 1);
  if ([...listed.values()].some((n) => n >= DAY_TERMS)) return null;

  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.count > 0 && scope({ start: row.day })) totals.set(row.key, (totals.get(row.key) ?? 0) + row.count);
  }
  const terms: Term[] = [...totals].map(([key, count]) => ({ key, count }));
  terms.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { terms: terms.slice(0, q.size), success: true };
}
