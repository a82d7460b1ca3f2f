/**
 * What histograms and terms count over: rows with a time, an event name and a weight. Either
 * the application's archived events (weight 1, every field available), or, when every
 * condition is on `event` or `time`, the hourly counts kept beside them
 * (`archive_events_hourly`), which are exact for that: an hour's count per event name is the
 * number of its events. Hours where a time condition changes its answer mid-hour are read
 * from the events instead, so each condition is constant over every counted hour and can be
 * tested at the hour's start.
 */
import { sql, type SqlBool } from 'kysely';
import type { Condition } from '../../authy/bracket-codec';
import { HOUR_MS } from '../migrations';
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

export function eventsSource(appId: string): Source {
  return { from: sql`archive_events`, where: sql<SqlBool>`app_id = ${appId}`, row: EVENT_ROW, weight: sql`1` };
}

/** Whether the conditions read nothing but `event` and `time` (and `time` not by `lk`). */
export function countableByHour(conditions: readonly Condition[]): boolean {
  return conditions.every((c) => {
    const target = resolveTarget(c.attribute);
    if (target.kind === 'time') return c.operator !== 'lk';
    return target.kind === 'nothing' || (target.kind === 'column' && target.column === 'event');
  });
}

const HOURLY_ROW: RowRefs = {
  time: sql`t`,
  column: (name) => {
    if (name !== 'event') throw new Error(`hourly counts have no ${name}`);
    return sql.ref('event');
  },
};

const hourOf = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;

/**
 * Hourly counts for an application, for conditions that pass `countableByHour`: the rows the
 * `scope` can match, with the hours split by any time condition of `every` (the scope's and
 * the reports') read from the events.
 */
export function hourlySource(appId: string, scope: readonly Condition[], every: readonly Condition[]): Source {
  const { from, to } = timeWindow(scope);
  const split = [...new Set((timeBoundaries(every) ?? []).filter((b) => b % HOUR_MS !== 0).map(hourOf))];
  const hours = [sql`app_id = ${appId}`];
  if (from > -Infinity) hours.push(sql`hour_ms >= ${hourOf(from)}`);
  if (to < Infinity) hours.push(sql`hour_ms < ${to}`);
  if (split.length > 0) hours.push(sql`hour_ms NOT IN (${sql.join(split)})`);
  const counted = sql`SELECT hour_ms AS t, event, events AS n FROM archive_events_hourly WHERE ${sql.join(hours, sql` AND `)}`;
  const source =
    split.length === 0
      ? sql`(${counted})`
      : sql`(${counted} UNION ALL SELECT time_ms AS t, event, 1 AS n FROM archive_events
          WHERE app_id = ${appId} AND (${sql.join(
            split.map((h) => sql`(time_ms >= ${h} AND time_ms < ${h + HOUR_MS})`),
            sql` OR `,
          )}))`;
  return { from: source, where: sql<SqlBool>`(1 = 1)`, row: HOURLY_ROW, weight: sql`n` };
}
