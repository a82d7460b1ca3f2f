/**
 * Histogram intervals: the named calendar ones, aligned to UTC calendar boundaries (weeks are
 * ISO weeks starting Monday), and fixed lengths such as `1.5h` or `30m`, aligned to the epoch.
 * The emulator buckets with these functions and the charts fill missing buckets with them, so
 * both always agree on where a bucket starts.
 */
import { NAMED_INTERVALS, type NamedInterval } from './vocabulary';

export type Interval = { kind: 'calendar'; unit: NamedInterval } | { kind: 'fixed'; ms: number };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const FIXED_PATTERN = /^(\d{1,4}(?:\.\d{1,3})?)([mhdw])$/;
export const MIN_FIXED_INTERVAL_MS = UNIT_MS.m;

/**
 * An `interval` parameter as written: a named interval or a length such as `1.5h`. Typed so
 * that a misspelt interval in code (`'mnoth'`, `'6x'`) fails the type check; text from outside
 * becomes one only through `isInterval`.
 */
export type IntervalParam = NamedInterval | `${number}${keyof typeof UNIT_MS}`;

/** Parses an interval, or returns null when it is neither a named nor a fixed length. */
export function parseInterval(value: string): Interval | null {
  if ((NAMED_INTERVALS as readonly string[]).includes(value)) {
    return { kind: 'calendar', unit: value as NamedInterval };
  }
  const match = FIXED_PATTERN.exec(value);
  if (!match) return null;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  return ms >= MIN_FIXED_INTERVAL_MS ? { kind: 'fixed', ms } : null;
}

export function isInterval(value: string): value is IntervalParam {
  return parseInterval(value) !== null;
}

/** Start (epoch ms, UTC) of the bucket holding `time`. */
export function bucketStart(time: number, interval: Interval): number {
  if (interval.kind === 'fixed') return Math.floor(time / interval.ms) * interval.ms;
  const d = new Date(time);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (interval.unit) {
    case 'year':
      return Date.UTC(y, 0, 1);
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1);
    case 'month':
      return Date.UTC(y, m, 1);
    case 'week': {
      const day = Date.UTC(y, m, d.getUTCDate());
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      return day - sinceMonday * UNIT_MS.d;
    }
    case 'day':
      return Date.UTC(y, m, d.getUTCDate());
    case 'hour':
      return Math.floor(time / UNIT_MS.h) * UNIT_MS.h;
    case 'minute':
      return Math.floor(time / UNIT_MS.m) * UNIT_MS.m;
  }
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, interval: Interval): number {
  if (interval.kind === 'fixed') return start + interval.ms;
  const d = new Date(start);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (interval.unit) {
    case 'year':
      return Date.UTC(y + 1, 0, 1);
    case 'quarter':
      return Date.UTC(y, m + 3, 1);
    case 'month':
      return Date.UTC(y, m + 1, 1);
    case 'week':
      return start + UNIT_MS.w;
    case 'day':
      return start + UNIT_MS.d;
    case 'hour':
      return start + UNIT_MS.h;
    case 'minute':
      return start + UNIT_MS.m;
  }
}

/** Every bucket start from the bucket holding `from` up to (not including) `to`. */
export function bucketStartsBetween(from: number, to: number, interval: Interval, max = 10_000): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(from, interval); t < to && starts.length < max; t = nextBucketStart(t, interval)) {
    starts.push(t);
  }
  return starts;
}
