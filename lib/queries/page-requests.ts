/**
 * What each page asks the server for, as pure functions of its URL state (and, for the users
 * page, the hour). The pages' hooks build their requests with these, and GET /api/plan builds a
 * page's plan with the very same ones, so the plan cannot drift from what the page sends.
 */
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import { eventIs } from '@/lib/authy/conditions';
import type { IntervalParam } from '@/lib/authy/interval';
import type { RangePreset } from '@/lib/ranges';
import { addMonths, monthOf, monthStart } from '@/lib/mau/months';
import type { EventsParams } from './events';
import { LIMITS } from '@/lib/authy/vocabulary';
import { ALL_EVENTS_REPORT } from './all-events';
import { defaultInterval } from './intervals';
import type { HistogramParams, TermsParams } from './reporting';
import { resolveTimeSpec, timeSpecOf, type TimeSpec } from './time-spec';
import { monthsOfWindow } from './users-span';

type RangeState = { range: RangePreset; from: Date | null; to: Date | null };

export function eventsViewRequest(
  params: RangeState & { f: Condition[]; page: number; per_page: number },
): EventsParams {
  return { time: timeSpecOf(params), conditions: params.f, page: params.page, perPage: params.per_page };
}

export function histogramViewRequest(
  params: RangeState & { s: Report[]; f: Condition[]; interval: IntervalParam | null },
): HistogramParams {
  const time = timeSpecOf(params);
  return { reports: params.s, scope: params.f, interval: params.interval ?? defaultInterval(time), time };
}

export function termsViewRequest(params: RangeState & { field: string; size: number; f: Condition[] }): TermsParams {
  return { field: params.field, size: params.size, scope: params.f, time: timeSpecOf(params) };
}

/**
 * How many events the terms page's scope matches in its window, what its shares are of: the
 * scope's events by name at the upstream's largest size, whose lines add up to all of them
 * (every event has a name, and there are far fewer than 100 names). Unfiltered, it is the
 * overview's "events by type" question; filtered on one name, one line of that; so it mostly
 * costs no call (lib/reporting/terms-sharing.ts).
 */
export function termsTotalViewRequest(params: RangeState & { f: Condition[] }): TermsParams {
  return { field: 'event', size: LIMITS.size.max, scope: params.f, time: timeSpecOf(params) };
}

/**
 * Both series, and the count of all events (what the breakdowns' shares are of), in one
 * histogram request, which the server sends upstream as one call.
 */
const USER_CHANGE_REPORTS: Report[] = [
  { name: 'added', conditions: [eventIs('user_added')] },
  { name: 'removed', conditions: [eventIs('user_account_deleted')] },
  ALL_EVENTS_REPORT,
];

export const BREAKDOWNS = [
  { id: 'countries', field: 'objects.user.s_country_code', size: 100, title: 'Activity by country' },
  { id: 'devices', field: 'objects.device.s_device_type', size: 20, title: 'Activity by device type' },
] as const;

const HOUR = 3_600_000;

/** Which months a range covers changes at most hourly: the users page reads "now" to the hour. */
export function hourOf(now: number): number {
  return Math.floor(now / HOUR) * HOUR;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Whole UTC months, first to last inclusive, as an absolute time spec. */
function monthsSpec(first: string, last: string): TimeSpec {
  return { kind: 'absolute', from: iso(monthStart(first)), to: iso(monthStart(addMonths(last, 1))) };
}

/** The month a breakdown shows when the URL names none: the latest one that is over. */
export function defaultMonth(months: readonly string[], now: number): string {
  const over = months.filter((m) => monthStart(addMonths(m, 1)) <= now);
  return over[over.length - 1] ?? months[months.length - 1] ?? monthOf(now);
}

/**
 * The users page: its months, the month its breakdowns show, users added and removed per month
 * (one histogram) and the two breakdowns. MAU counting is asked for separately, once its cost is
 * known and accepted.
 */
export function usersViewRequests(time: TimeSpec, month: string | null, hour: number) {
  const span = monthsOfWindow(resolveTimeSpec(time, hour));
  const chosen = month && span.months.includes(month) ? month : defaultMonth(span.months, hour);
  const monthTime = monthsSpec(chosen, chosen);
  const histogram: HistogramParams = {
    reports: USER_CHANGE_REPORTS,
    scope: [],
    interval: 'month',
    time: monthsSpec(span.from, span.to),
  };
  const breakdowns: TermsParams[] = BREAKDOWNS.map((b) => ({
    field: b.field,
    size: b.size,
    scope: [],
    time: monthTime,
  }));
  return { span, chosen, monthTime, histogram, breakdowns };
}
