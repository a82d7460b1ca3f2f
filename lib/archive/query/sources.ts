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
import { COUNT_GRAINS } from '../migrations';
import { EVENT_ROW, timeBoundaries, timeWindow, type RowRefs } from './conditions';
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

/**
 * Counts for conditions that pass `countable`: the rows `scope` can match, at the coarsest
 * of `grains` where no time condition of `every` (the scope's and the reports') splits a
 * period, at finer grains inside split periods, and as events inside split periods of the
 * finest grain. Each split period is read by a SELECT of its own, so each read is one index
 * range. `grains` must not be empty.
 */
export function countsSource(
  appId: string,
  scope: readonly Condition[],
  every: readonly Condition[],
  grains: readonly Grain[],
): Source {
  const { from, to } = timeWindow(scope);
  const boundaries = timeBoundaries(every) ?? [];
  const parts: Fragment[] = [];
  /** The periods of the previous, coarser grain that a boundary splits; null at the coarsest. */
  let inside: { start: number; ms: number }[] | null = null;
  for (const grain of grains) {
    const split = [...new Set(boundaries.filter((b) => floorTo(b, grain.ms) !== b).map((b) => floorTo(b, grain.ms)))];
    // One range per read (the window, or a split period of the coarser grain cut to the
    // window), given as its only bounds so the index range is that tight.
    const ranges = (inside ?? [{ start: -Infinity, ms: Infinity }]).map((p) => ({
      lo: Math.max(p.start, floorTo(from, grain.ms)),
      hi: Math.min(p.start + p.ms, to),
    }));
    for (const { lo, hi } of ranges) {
      const where: Fragment[] = [sql`app_id = ${appId}`];
      if (lo > -Infinity) where.push(sql`start_ms >= ${lo}`);
      if (hi < Infinity) where.push(sql`start_ms < ${hi}`);
      if (split.length > 0) where.push(sql`start_ms NOT IN (${sql.join(split)})`);
      parts.push(
        sql`SELECT start_ms AS t, event, events AS n FROM ${sql.table(grain.table)}
            WHERE ${sql.join(where, sql` AND `)}`,
      );
    }
    inside = split.map((start) => ({ start, ms: grain.ms }));
    if (split.length === 0) break;
  }
  for (const p of inside ?? []) {
    parts.push(
      sql`SELECT time_ms AS t, event, 1 AS n FROM archive_events
          WHERE app_id = ${appId} AND time_ms >= ${p.start} AND time_ms < ${p.start + p.ms}`,
    );
  }
  return {
    from: sql`(${sql.join(parts, sql` UNION ALL `)})`,
    where: sql<SqlBool>`(1 = 1)`,
    row: COUNTED_ROW,
    weight: sql`n`,
  };
}
