/**
 * What histograms and terms count over: rows with a time, an event name and a weight. Either
 * the application's archived events (weight 1, every field available), or, when every
 * condition is on `event` or `time`, the counts kept beside them per day and per hour
 * (`archive_events_daily`, `archive_events_hourly`), which are exact for that: a period's
 * count per event name is the number of its events. A day where a time condition changes
 * its answer is read from its hours instead, and such an hour from its events, so every
 * condition is constant over each period counted and can be tested at the period's start.
 */
import { sql, type SqlBool } from 'kysely';
import type { Condition } from '../../authy/bracket-codec';
import type { Interval } from '../../authy/interval';
import { COUNT_GRAINS, VALUE_COUNTS } from '../migrations';
import { ALWAYS, EVENT_ROW, timeBoundaries, timeWindow, type RowRefs } from './conditions';
import type { Fragment } from './dialect-sql';
import { resolveTarget } from './target';

export type Source = {
  /** The FROM item, to be aliased. */
  from: Fragment;
  /** Restricts `from` to the application. */
  where: Fragment<SqlBool>;
  row: RowRefs;
  weight: Fragment<number>;
};

type Grain = (typeof COUNT_GRAINS)[number];

export function eventsSource(appId: string): Source {
  return { from: sql`archive_events`, where: sql<SqlBool>`app_id = ${appId}`, row: EVENT_ROW, weight: sql`1` };
}

/** Whether the conditions read nothing but `event` and `time` (and `time` not by `lk`). */
export function countable(conditions: readonly Condition[]): boolean {
  return conditions.every((c) => {
    const target = resolveTarget(c.attribute);
    if (target.kind === 'time') return c.operator !== 'lk';
    return target.kind === 'nothing' || (target.kind === 'column' && target.column === 'event');
  });
}

/**
 * The grains whose periods each lie inside one bucket of `interval` (all of them when there
 * are no buckets, for terms), coarsest first. Calendar buckets are whole UTC days (weeks
 * from Monday) or hours; fixed lengths are epoch-aligned multiples of theirs.
 */
export function grainsFor(interval: Interval | null): Grain[] {
  return COUNT_GRAINS.filter((grain) => {
    if (interval === null) return true;
    if (interval.kind === 'fixed') return interval.ms % grain.ms === 0;
    if (interval.unit === 'minute') return false;
    if (interval.unit === 'hour') return grain.ms <= HOUR;
    return true;
  });
}

const COUNTED_ROW: RowRefs = {
  time: sql`t`,
  column: (name) => {
    if (name !== 'event') throw new Error(`counts per period have no ${name}`);
    return sql.ref('event');
  },
};

const HOUR = 3_600_000;
const floorTo = (t: number, ms: number) => Math.floor(t / ms) * ms;

type Period = { start: number; ms: number };
type Plan<G> = {
  /** Per grain (coarsest first), ranges [lo, hi) of period starts to read, and the starts to skip. */
  reads: { grain: G; lo: number; hi: number; skip: number[] }[];
  /** Periods of the finest grain that a boundary splits: read from the events. */
  events: Period[];
};

/**
 * Which periods to read at which grain (sizes in ms, coarsest first) to cover what `scope`
 * can match: at the coarsest grain the periods no time condition of `every` splits, inside
 * split periods the next grain's, and so on; the finest grain's split periods from the
 * events. Each range is one index range (a SELECT of its own, never an OR of ranges).
 */
function plan<G extends { ms: number }>(
  scope: readonly Condition[],
  every: readonly Condition[],
  grains: readonly G[],
): Plan<G> {
  const { from, to } = timeWindow(scope);
  const boundaries = timeBoundaries(every) ?? [];
  const reads: Plan<G>['reads'] = [];
  let inside: Period[] = [{ start: -Infinity, ms: Infinity }];
  for (const grain of grains) {
    const { ms } = grain;
    const split = [...new Set(boundaries.filter((b) => floorTo(b, ms) !== b).map((b) => floorTo(b, ms)))];
    for (const p of inside) {
      reads.push({
        grain,
        lo: Math.max(p.start, floorTo(from, ms)),
        hi: Math.min(p.start + p.ms, to),
        skip: split,
      });
    }
    inside = split.map((start) => ({ start, ms }));
    if (split.length === 0) break;
  }
  return { reads, events: inside };
}

function rangeOf(column: string, lo: number, hi: number, skip: number[] = []): Fragment[] {
  const where: Fragment[] = [];
  if (lo > -Infinity) where.push(sql`${sql.ref(column)} >= ${lo}`);
  if (hi < Infinity) where.push(sql`${sql.ref(column)} < ${hi}`);
  if (skip.length > 0) where.push(sql`${sql.ref(column)} NOT IN (${sql.join(skip)})`);
  return where;
}

const and = (parts: Fragment[]) => sql.join(parts, sql` AND `);

/**
 * Counts for conditions that pass `countable`: the rows `scope` can match (`every` holds the
 * scope's and the reports' conditions, whose time boundaries split periods), from the
 * tables of `grains`, which must not be empty.
 */
export function countsSource(
  appId: string,
  scope: readonly Condition[],
  every: readonly Condition[],
  grains: readonly Grain[],
): Source {
  const { reads, events } = plan(scope, every, grains);
  const parts = reads.map(
    ({ grain, lo, hi, skip }) =>
      sql`SELECT start_ms AS t, event, events AS n FROM ${sql.table(grain.table)}
        WHERE ${and([sql`app_id = ${appId}`, ...rangeOf('start_ms', lo, hi, skip)])}`,
  );
  for (const p of events) {
    parts.push(
      sql`SELECT time_ms AS t, event, 1 AS n FROM archive_events
        WHERE ${and([sql`app_id = ${appId}`, ...rangeOf('time_ms', p.start, p.start + p.ms)])}`,
    );
  }
  return { from: sql`(${sql.join(parts, sql` UNION ALL `)})`, where: ALWAYS, row: COUNTED_ROW, weight: sql`n` };
}

/** A copied field counted per day and value (`VALUE_COUNTS`). */
export type CountedField = (typeof VALUE_COUNTS.fields)[number];

export function isCountedField(column: string): column is CountedField {
  return (VALUE_COUNTS.fields as readonly string[]).includes(column);
}

/**
 * Counts of `field`'s values for a scope that passes `countable`: rows (t, event, value, n)
 * from the daily value counts, and from the events (those that have the field) on days a
 * time condition splits.
 */
export function valueCountsSource(appId: string, scope: readonly Condition[], field: CountedField): Source {
  const { reads, events } = plan(scope, scope, [VALUE_COUNTS]);
  const parts = reads.map(
    ({ lo, hi, skip }) =>
      sql`SELECT start_ms AS t, event, value, events AS n FROM ${sql.table(VALUE_COUNTS.table)}
        WHERE ${and([sql`app_id = ${appId}`, sql`field = ${field}`, ...rangeOf('start_ms', lo, hi, skip)])}`,
  );
  for (const p of events) {
    parts.push(
      sql`SELECT time_ms AS t, event, ${sql.ref(field)} AS value, 1 AS n FROM archive_events
        WHERE ${and([sql`app_id = ${appId}`, sql`${sql.ref(field)} IS NOT NULL`, ...rangeOf('time_ms', p.start, p.start + p.ms)])}`,
    );
  }
  const row: RowRefs = {
    time: sql`t`,
    column: (name) =>
      name === 'event' ? sql.ref('event') : name === field ? sql.ref('value') : COUNTED_ROW.column(name),
  };
  return { from: sql`(${sql.join(parts, sql` UNION ALL `)})`, where: ALWAYS, row, weight: sql`n` };
}
