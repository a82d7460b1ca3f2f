/**
 * The users page's arithmetic, kept out of the components: which months a range covers, one
 * row per month joining MAU with users added and removed, and the words that say how far each
 * month's count can be trusted.
 */
import { knownPart, mauKind } from '@/components/users/mau-bars';
import type { Bucket } from '@/lib/authy/responses';
import { formatCount, formatDateTime } from '@/lib/format';
import { addMonths, monthOf, monthStart } from '@/lib/mau/months';
import type { MauMonth } from '@/lib/mau/types';

const MONTH_LABEL = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function monthLabel(month: string): string {
  return MONTH_LABEL.format(monthStart(month));
}

export type UserMonthRow = {
  month: string;
  label: string;
  mau: MauMonth | null;
  added: number | null;
  removed: number | null;
  net: number | null;
  /** The month is not over yet. */
  inProgress: boolean;
};

/** One row per month; histogram buckets are keyed by their start (UTC month starts). */
export function userMonthRows(
  months: readonly string[],
  mau: readonly MauMonth[] | undefined,
  histogram: { added: readonly Bucket[]; removed: readonly Bucket[] } | undefined,
  now: number,
): UserMonthRow[] {
  const byMonth = new Map(mau?.map((m) => [m.month, m]));
  const sum = (buckets: readonly Bucket[] | undefined, month: string) =>
    buckets ? buckets.filter((b) => monthOf(b.timestamp) === month).reduce((total, b) => total + b.count, 0) : null;
  return months.map((month) => {
    const added = sum(histogram?.added, month);
    const removed = sum(histogram?.removed, month);
    return {
      month,
      label: monthLabel(month),
      mau: byMonth.get(month) ?? null,
      added,
      removed,
      net: added !== null && removed !== null ? added - removed : null,
      inProgress: monthStart(addMonths(month, 1)) > now,
    };
  });
}

/** A few words for a bar or a table cell. */
export function accuracyLabel(m: MauMonth): string {
  const known = knownPart(m);
  if (known === 'none') return 'Not known';
  if (known === 'part') return 'Partly known';
  if (m.exact) return m.inProgress ? 'Exact so far' : 'Exact';
  if (m.upstreamCalls === 0) return 'Not counted yet';
  return m.basis === 'estimate' ? 'Estimate' : 'At least';
}

/** Said in text beside the accuracy when the archive counted the month, so it never rests on colour. */
export function sourceLabel(m: MauMonth): string | null {
  return m.source === 'archive' && knownPart(m) === 'whole' ? 'archive' : null;
}

const LOST = 'the API keeps only its last 90 days and the archive holds nothing older';

/** The full sentence: what the number is, how sure, and what happens next. */
export function accuracyExplanation(m: MauMonth, utc: boolean): string {
  const calls = `${formatCount(m.upstreamCalls)} upstream call${m.upstreamCalls === 1 ? '' : 's'}`;
  const soFar = m.inProgress ? ` up to ${formatDateTime(Date.parse(m.asOf), utc)}; the month is still in progress` : '';
  const known = knownPart(m);
  if (known === 'none') return `Not known: nothing of this month can be counted any more; ${LOST}.`;
  if (known === 'part') {
    const from = formatDateTime(Date.parse(m.knownFrom ?? m.asOf), utc);
    const counted =
      mauKind(m) === 'none'
        ? 'Not counted yet; counting continues by itself.'
        : `At least ${formatCount(m.lowerBound)} distinct users were active from then${soFar}.`;
    return `Partly known: events are known only from ${from}; the days before cannot be counted: ${LOST}. ${counted}`;
  }
  if (m.exact && m.source === 'archive')
    return `Exact: ${formatCount(m.activeUsers)} distinct users${soFar}, counted from the archive’s copy of the month, at no upstream call.`;
  if (m.exact) return `Exact: ${formatCount(m.activeUsers)} distinct users${soFar}, counted in ${calls}.`;
  if (m.upstreamCalls === 0)
    return 'Not counted yet: this request’s call budget went to more recent months. Counting continues by itself.';
  const seen = `at least ${formatCount(m.lowerBound)} distinct users seen so far`;
  const estimate =
    m.estimate !== null && m.estimateLow !== null && m.estimateHigh !== null
      ? `; about ${formatCount(m.estimate)} in all (95% between ${formatCount(m.estimateLow)} and ${formatCount(m.estimateHigh)}), scaled from the key ranges counted so far`
      : '; too little counted yet to estimate the rest';
  return `Not exact yet: ${seen}${estimate}${soFar}. ${calls} spent; counting continues where it stopped.`;
}
