/**
 * The dashboard's time ranges, defined once. Relative ranges stay relative in the URL and are
 * resolved per request on the server. "Last 30 days" at 30 Nov 12:03 is [1 Nov 00:00,
 * 30 Nov 12:00): `to` is now floored to the preset's snap (so everyone looking within the same
 * slot shares one upstream query, and no window reaches into the future), `from` is the first
 * boundary of the preset's grain inside the rolling length (so the window starts on a bucket
 * boundary: its closed buckets never change while it moves, and the overview's two periods split
 * on a bucket boundary). Every page, drill-down link and the server's `range=` read this.
 */
import { bucketStart, nextBucketStart, parseInterval, type Interval } from './authy/interval';

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '90d', '12mo', 'this_month', 'last_month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '12mo': 'Last 12 months',
  this_month: 'This month',
  last_month: 'Last month',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far "now" is floored for each preset: coarse ranges can share a key for longer. */
const SNAP_MS: Record<RangePreset, number> = {
  '1h': MINUTE,
  '24h': MINUTE,
  '7d': 5 * MINUTE,
  '30d': 5 * MINUTE,
  '90d': 15 * MINUTE,
  '12mo': HOUR,
  this_month: 5 * MINUTE,
  last_month: MINUTE,
};

/** Where each preset's window starts: on a boundary of this interval (UTC; weeks start Monday). */
const RANGE_GRAIN: Record<RangePreset, string> = {
  '1h': '5m',
  '24h': 'hour',
  '7d': 'day',
  '30d': 'day',
  '90d': 'week',
  '12mo': 'month',
  this_month: 'month',
  last_month: 'month',
};

/** The rolling length each preset covers at most. */
const LENGTH_MS: Partial<Record<RangePreset, number>> = {
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
};

export type TimeWindow = { from: number; to: number };

export function rangeGrain(preset: RangePreset): Interval {
  return parseInterval(RANGE_GRAIN[preset]) as Interval;
}

/** The first boundary of `grain` at or after `t`. */
function ceilTo(t: number, grain: Interval): number {
  const start = bucketStart(t, grain);
  return start === t ? t : nextBucketStart(start, grain);
}

/** The absolute window a preset means at `now`: [from, to), both epoch ms, UTC, `to` ≤ now. */
export function resolveRange(preset: RangePreset, now: number): TimeWindow {
  const snap = SNAP_MS[preset];
  const to = Math.floor(now / snap) * snap;
  const length = LENGTH_MS[preset];
  if (length !== undefined) return { from: ceilTo(to - length, rangeGrain(preset)), to };
  const d = new Date(to);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (preset) {
    case '12mo':
      // The current month and the eleven before it.
      return { from: Date.UTC(y - 1, m + 1, 1), to };
    case 'last_month':
      return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1) };
    default:
      return { from: Date.UTC(y, m, 1), to };
  }
}

/**
 * The window just before `window`, of the same length: what "compared with the previous period"
 * compares to. Equal spans of elapsed time: 29.5 days of a month-to-date against the 29.5 before.
 */
export function previousWindow(window: TimeWindow): TimeWindow {
  const length = window.to - window.from;
  return { from: window.from - length, to: window.from };
}
