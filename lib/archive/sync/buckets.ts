/**
 * Sizing windows from a histogram: which fixed interval gives at most 100 buckets for a span
 * (one call, one page), and how buckets become windows of at most `target` events.
 */
import type { IntervalParam } from '../../authy/interval';
import { LIMITS } from '../../authy/vocabulary';
import { DAY, HOUR, MINUTE, type Interval } from './intervals';

/** A histogram page holds at most this many buckets. */
export const MAX_BUCKETS = LIMITS.perPage.max;
/** One query reaches at most `page` × `per_page` events. */
export const MAX_EVENTS_PER_QUERY = LIMITS.page.max * LIMITS.perPage.max;

export type FixedInterval = { ms: number; text: IntervalParam };

/** Fixed, epoch-aligned lengths the API takes, finest first. `1d` buckets are UTC days. */
const LADDER: readonly FixedInterval[] = [
  { ms: MINUTE, text: '1m' },
  { ms: 5 * MINUTE, text: '5m' },
  { ms: 15 * MINUTE, text: '15m' },
  { ms: HOUR, text: '1h' },
  { ms: 6 * HOUR, text: '6h' },
  { ms: DAY, text: '1d' },
  { ms: 7 * DAY, text: '7d' },
  { ms: 30 * DAY, text: '30d' },
];

/** Buckets of `ms` (aligned to the epoch) that [from, to) touches. */
export function bucketCount(from: number, to: number, ms: number): number {
  return to <= from ? 0 : Math.floor((to - 1) / ms) - Math.floor(from / ms) + 1;
}

/** The finest interval whose buckets over [from, to) fit one page; the coarsest when none does. */
export function finestInterval(from: number, to: number): FixedInterval {
  return LADDER.find((i) => bucketCount(from, to, i.ms) <= MAX_BUCKETS) ?? LADDER[LADDER.length - 1];
}

export type BucketCount = Interval & { count: number };

/** The API's buckets (start, count) clipped to [from, to). Buckets it left out hold nothing. */
export function clipBuckets(
  from: number,
  to: number,
  ms: number,
  buckets: readonly { timestamp: number; count: number }[],
): BucketCount[] {
  return buckets
    .map((b) => ({ from: Math.max(b.timestamp, from), to: Math.min(b.timestamp + ms, to), count: b.count }))
    .filter((b) => b.to > b.from);
}

export type PlannedWindow = Interval & { expected: number };

/**
 * Splits [from, to) into windows of at most `target` events each, newest first, cutting only
 * at bucket edges. A bucket that alone holds more than `target` cannot be cut here: it comes
 * back, exactly as counted, in `oversized`, to be counted again at a finer interval (a single
 * bucket always has a finer one, so refining ends). Empty spans join the window beside them.
 * Every instant of [from, to) lands in exactly one window or oversized span.
 */
export function planWindows(
  from: number,
  to: number,
  buckets: readonly BucketCount[],
  target: number,
): { windows: PlannedWindow[]; oversized: PlannedWindow[] } {
  const windows: PlannedWindow[] = [];
  const oversized: PlannedWindow[] = [];
  let newer: PlannedWindow | undefined; // the window just above `hi`, when it is one
  let hi = to;
  let sum = 0;
  const close = (lo: number) => {
    if (hi <= lo) return;
    if (sum === 0 && newer) newer.from = lo;
    else windows.push((newer = { from: lo, to: hi, expected: sum }));
    hi = lo;
    sum = 0;
  };
  for (const b of [...buckets].sort((x, y) => y.from - x.from)) {
    if (b.count > target) {
      close(b.to);
      oversized.push({ from: b.from, to: b.to, expected: b.count });
      newer = undefined;
      hi = b.from;
    } else if (sum + b.count > target) {
      close(b.to);
      sum = b.count;
    } else {
      sum += b.count;
    }
  }
  close(from);
  return { windows, oversized };
}
