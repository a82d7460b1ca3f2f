/**
 * Every formatter the UI uses, so numbers and times read the same on every page. Times are
 * shown in the viewer's zone, or in UTC when the `utc` toggle is on; bucket boundaries are
 * always UTC, which is why the UTC view exists.
 */
import { format, formatDistanceStrict } from 'date-fns';
import type { Interval } from './authy/interval';

const count = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

export function formatCount(value: number): string {
  return count.format(value);
}

/** Short axis labels: 1.2K, 3.4M. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** A ratio (0..1) as a percentage, or an em dash when undefined (0 / 0). */
export function formatPercent(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : percent.format(ratio);
}

/** `part` of `whole` as a percentage; a share too small to show is "<0.1%", never a false 0%. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return formatPercent(null);
  const ratio = part / whole;
  return part > 0 && ratio < 0.001 ? '<0.1%' : percent.format(ratio);
}

/** A relative change (0.12 = +12%), or "new" when the previous value was zero. */
export function formatChange(change: number | null): string {
  if (change === null) return 'no previous data';
  if (!Number.isFinite(change)) return 'new';
  return signedPercent.format(change);
}

/** A change of a rate in percentage points (0.012 = +1.2 pts). */
export function formatPointChange(difference: number | null): string {
  if (difference === null) return 'no previous data';
  const points = Math.round(difference * 1000) / 10;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} pts`;
}

/** A Date whose local fields read as the UTC fields of `ms`, so date-fns can format UTC. */
function shifted(ms: number, utc: boolean): Date {
  const date = new Date(ms);
  return utc ? new Date(ms + date.getTimezoneOffset() * 60_000) : date;
}

export function formatDateTime(ms: number, utc: boolean): string {
  return format(shifted(ms, utc), 'd MMM yyyy, HH:mm') + (utc ? ' UTC' : '');
}

/** `yyyy-MM-ddTHH:mm` for a datetime-local input, in the viewer's zone or UTC. */
export function toDateTimeInput(ms: number, utc: boolean): string {
  return format(shifted(ms, utc), "yyyy-MM-dd'T'HH:mm");
}

/** Reads a datetime-local value back as epoch ms, in the viewer's zone or UTC. */
export function fromDateTimeInput(value: string, utc: boolean): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = utc ? Date.parse(`${value}Z`) : new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

function unitOf(interval: Interval): 'minute' | 'hour' | 'day' | 'month' | 'year' {
  if (interval.kind === 'fixed') {
    if (interval.ms < 3_600_000) return 'minute';
    return interval.ms < 86_400_000 ? 'hour' : 'day';
  }
  switch (interval.unit) {
    case 'minute':
      return 'minute';
    case 'hour':
      return 'hour';
    case 'day':
    case 'week':
      return 'day';
    case 'month':
    case 'quarter':
      return 'month';
    case 'year':
      return 'year';
  }
}

const AXIS_PATTERN = { minute: 'HH:mm', hour: 'd MMM HH:mm', day: 'd MMM', month: 'MMM yyyy', year: 'yyyy' } as const;
const FULL_PATTERN = {
  minute: 'd MMM yyyy HH:mm',
  hour: 'd MMM yyyy HH:mm',
  day: 'd MMM yyyy',
  month: 'MMMM yyyy',
  year: 'yyyy',
} as const;

/**
 * Day, month and year buckets start at UTC midnight: shown in a zone west of UTC they would read
 * as the previous day, so they always read in UTC. Shorter buckets follow the toggle.
 */
function bucketInUtc(unit: ReturnType<typeof unitOf>, utc: boolean): boolean {
  return utc || unit === 'day' || unit === 'month' || unit === 'year';
}

/** A bucket's start on an axis: as short as the interval allows. */
export function formatBucketTick(ms: number, interval: Interval, utc: boolean): string {
  const unit = unitOf(interval);
  return format(shifted(ms, bucketInUtc(unit, utc)), AXIS_PATTERN[unit]);
}

/** A bucket's start in a tooltip or table. */
export function formatBucket(ms: number, interval: Interval, utc: boolean): string {
  const unit = unitOf(interval);
  const label = format(shifted(ms, bucketInUtc(unit, utc)), FULL_PATTERN[unit]);
  return unit === 'minute' || unit === 'hour' ? label + (utc ? ' UTC' : '') : label;
}

/** "3 minutes" for a data age in seconds. */
export function formatAge(seconds: number): string {
  return formatDistanceStrict(0, Math.max(0, seconds) * 1000);
}

/** "in 42 seconds" / "at 14:05" for when something comes back. */
export function formatResume(at: number, now: number, utc = false): string {
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 90) return `in ${Math.max(1, seconds)} seconds`;
  return `at ${format(shifted(at, utc), 'HH:mm')}${utc ? ' UTC' : ''}`;
}

/** The viewer's IANA zone name, for "times in Europe/Paris". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
