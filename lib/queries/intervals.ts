/**
 * Choosing histogram intervals. The upstream pages histogram buckets 100 at a time and every
 * page is one call against a budget of 30 a minute, so an interval is chosen to fit the window
 * in as few buckets as still draw a useful line.
 */
import { createParser } from 'nuqs/server';
import {
  bucketStartsBetween,
  isInterval,
  parseInterval,
  type Interval,
  type IntervalParam,
} from '@/lib/authy/interval';
import type { NamedInterval } from '@/lib/authy/vocabulary';
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
] as const satisfies readonly IntervalParam[];

const INTERVAL_LABELS: Partial<Record<IntervalParam, string>> = {
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
} satisfies Record<(typeof INTERVAL_CHOICES)[number], string>;

/** Buckets in one page of the upstream's histogram: each page is one call. */
export const BUCKETS_PER_PAGE = 100;

/** Buckets that keep a series to one call with room to spare, for automatic intervals. */
export const BUCKETS_PER_CALL = 99;

/**
 * Most buckets a histogram view may hold: one upstream query's reach (100 pages of 100). Each
 * 100 cost an upstream call, so a view that needs more than a few asks its person first.
 */
export const MAX_VIEW_BUCKETS = 10_000;

export function intervalLabel(interval: IntervalParam): string {
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
export function autoInterval(window: TimeWindow, maxBuckets = BUCKETS_PER_CALL): IntervalParam {
  const span = window.to - window.from;
  for (const choice of INTERVAL_CHOICES) {
    if (choice === 'minute' && span > 3_600_000) continue;
    const interval = parseInterval(choice) as Interval;
    if (bucketCount(window, interval, maxBuckets + 1) <= maxBuckets) return choice;
  }
  return 'year';
}

const MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Calendar units whose every boundary is also a boundary of the key unit. */
const CALENDAR_MULTIPLES: Record<NamedInterval, readonly NamedInterval[]> = {
  minute: ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'],
  hour: ['hour', 'day', 'week', 'month', 'quarter', 'year'],
  day: ['day', 'week', 'month', 'quarter', 'year'],
  // ISO weeks start on Mondays, which neither months nor the epoch (a Thursday) do.
  week: ['week'],
  month: ['month', 'quarter', 'year'],
  quarter: ['quarter', 'year'],
  year: ['year'],
};

/**
 * Every boundary of `grain` is a bucket boundary of `interval`: a window starting on the grain
 * starts on a bucket (all UTC). Fixed lengths count from the epoch; calendar boundaries from a
 * day up are whole UTC days.
 */
export function startsOnEveryGrain(interval: Interval, grain: Interval): boolean {
  if (interval.kind === 'fixed') {
    const grainMs =
      grain.kind === 'fixed' ? grain.ms : grain.unit === 'minute' || grain.unit === 'hour' ? MS[grain.unit] : MS.day;
    return grainMs % interval.ms === 0;
  }
  if (grain.kind === 'calendar') return CALENDAR_MULTIPLES[interval.unit].includes(grain.unit);
  const unitMs =
    interval.unit === 'minute' || interval.unit === 'hour' || interval.unit === 'day' ? MS[interval.unit] : null;
  return unitMs !== null && grain.ms % unitMs === 0;
}

/** The choices that fit `window` in at most `maxBuckets` buckets, for a picker. */
export function intervalChoicesFor(window: TimeWindow, maxBuckets = BUCKETS_PER_CALL): IntervalParam[] {
  return INTERVAL_CHOICES.filter(
    (choice) => bucketCount(window, parseInterval(choice) as Interval, maxBuckets + 1) <= maxBuckets,
  );
}

/** `interval=day` or `interval=1.5h`; anything `parseInterval` refuses reads as unset. */
export const parseAsInterval = createParser<IntervalParam>({
  parse: (value) => (isInterval(value) ? value : null),
  serialize: (value) => value,
});

/**
 * What `autoInterval` gives each preset (at most one upstream page). A table, so a page can
 * pick its interval while rendering without asking the clock; a test keeps it in step.
 */
export const PRESET_INTERVALS: Record<RangePreset, IntervalParam> = {
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
export function defaultInterval(spec: TimeSpec): IntervalParam {
  return spec.kind === 'preset' ? PRESET_INTERVALS[spec.range] : autoInterval(resolveTimeSpec(spec, 0));
}
