/**
 * Histogram buckets in SQL. Intervals of one fixed length (`1.5h`, `minute`, `hour`, `day`,
 * `week`) are epoch arithmetic: the bucket start is the time minus its distance from the
 * last boundary, a floor (weeks start on Monday, 1970-01-05, four days after the epoch).
 * Months, quarters and years are unions of UTC days: SQL groups by day and the days are
 * merged with `bucketStart`, the rule the API's buckets and the charts share.
 */
import { sql } from 'kysely';
import type { Interval } from '../../authy/interval';
import type { Fragment } from './dialect-sql';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const STEP = { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY } as const;
const MONDAY_OFFSET = 4 * DAY;

export type Grouping = {
  /** The SQL group of a time: a bucket's start, or a day's when `merge` is set. */
  key(time: Fragment<number>): Fragment<number>;
  /** The calendar interval days are merged into; null when the SQL group is the bucket. */
  merge: Interval | null;
};

export function grouping(interval: Interval): Grouping {
  if (interval.kind === 'fixed') return { key: floorTo(interval.ms, 0), merge: null };
  const { unit } = interval;
  switch (unit) {
    case 'minute':
    case 'hour':
    case 'day':
      return { key: floorTo(STEP[unit], 0), merge: null };
    case 'week':
      return { key: floorTo(STEP.week, MONDAY_OFFSET), merge: null };
    case 'month':
    case 'quarter':
    case 'year':
      return { key: floorTo(DAY, 0), merge: interval };
  }
}

function floorTo(step: number, offset: number) {
  const s = sql.lit(step);
  const o = sql.lit(offset);
  return (t: Fragment<number>) => sql<number>`(${t} - (((${t} - ${o}) % ${s}) + ${s}) % ${s})`;
}
