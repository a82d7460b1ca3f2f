/**
 * Choosing histogram intervals. The upstream pages histogram buckets 100 at a time and every
 * page is one call against a budget of 30 a minute, so an interval is chosen to fit the window
 * in as few buckets as still draw a useful line.
 */
import { createParser } from 'nuqs/server';
import { bucketStartsBetween, parseInterval, type Interval } from '@/lib/authy/interval';
import type { RangePreset, TimeWindow } from '@/lib/ranges';
import { resolveTimeSpec, type TimeSpec } from './time-spec';

/** The intervals offered in pickers and tried by `autoInterval`, finest first. */
export const INTERVAL_CHOICES = [
  'minute',
  '5m',
  '15m',
  'hour',
  '6h',
  'day',
  'week',
  'month',
  'quarter',
  'year',
] as const;

export const INTERVAL_LABELS: Record<string, string> = {
  minute: 'Minute',
  '5m': '5 minutes',
  '15m': '15 minutes',
  hour: 'Hour',
  '6h': '6 hours',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
};

/** One page of the upstream's histogram, less one: a full page makes the server ask for another. */
export const BUCKETS_PER_CALL = 99;

/**
 * Most buckets a histogram view draws: each 100 cost one upstream call, and past this a view
 * would eat the minute's budget.
 */
export const MAX_VIEW_BUCKETS = 500;

export function intervalLabel(interval: string): string {
  return INTERVAL_LABELS[interval] ?? interval;
}

/** How many buckets `interval` cuts `window` into (capped, to stay cheap). */
export function bucketCount(window: TimeWindow, interval: Interval, cap = 10_000): number {
  return bucketStartsBetween(window.from, window.to, interval, cap).length;
}

/**
 * The finest choice that cuts `window` into at most `maxBuckets` buckets (but at least minutes),
 * e.g. 1 hour → 5m, 24 hours → hour, 30 days → day, 12 months → month with the default cap.
 */
export function autoInterval(window: TimeWindow, maxBuckets = BUCKETS_PER_CALL): string {
  const span = window.to - window.from;
  for (const choice of INTERVAL_CHOICES) {
    if (choice === 'minute' && span > 3_600_000) continue;
    const interval = parseInterval(choice) as Interval;
    if (bucketCount(window, interval, maxBuckets + 1) <= maxBuckets) return choice;
  }
  return 'year';
}

/** The choices that fit `window` in at most `maxBuckets` buckets, for a picker. */
export function intervalChoicesFor(window: TimeWindow, maxBuckets = BUCKETS_PER_CALL): string[] {
  return INTERVAL_CHOICES.filter(
    (choice) => bucketCount(window, parseInterval(choice) as Interval, maxBuckets + 1) <= maxBuckets,
  );
}

/** `interval=day` or `interval=1.5h`; anything `parseInterval` refuses reads as unset. */
export const parseAsInterval = createParser<string>({
  parse: (value) => (parseInterval(value) ? value : null),
  serialize: (value) => value,
});

/**
 * What `autoInterval` gives each preset (at most one upstream page). A table, so a page can
 * pick its interval while rendering without asking the clock; a test keeps it in step.
 */
export const PRESET_INTERVALS: Record<RangePreset, string> = {
  '1h': 'minute',
  '24h': '15m',
  '7d': '6h',
  '30d': 'day',
  '90d': 'day',
  '12mo': 'week',
  this_month: 'day',
  last_month: 'day',
};

/** The interval a page uses when the URL names none. */
export function defaultInterval(spec: TimeSpec): string {
  return spec.kind === 'preset' ? PRESET_INTERVALS[spec.range] : autoInterval(resolveTimeSpec(spec, 0));
}
