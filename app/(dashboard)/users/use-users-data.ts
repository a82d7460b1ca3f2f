'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { Report } from '@/lib/authy/bracket-codec';
import { mauQueryOptions } from '@/lib/queries/mau';
import type { TermsTotal } from '@/components/charts/terms-bars';
import { ALL_EVENTS_REPORT, allEventsCount, histogramQueryOptions, termsQueryOptions } from '@/lib/queries/reporting';
import { resolveTimeSpec, type TimeSpec } from '@/lib/queries/time-spec';
import { addMonths, monthStart } from '@/lib/reporting/mau/months';
import type { RefreshOption } from '@/lib/view-params';
import { monthsOfWindow, userMonthRows } from './users-months';

/**
 * Both series, and the count of all events (what the breakdowns' shares are of), in one
 * histogram request, which the server sends upstream as one call.
 */
export const USER_CHANGE_REPORTS: Report[] = [
  { name: 'added', conditions: [{ attribute: 'event', operator: 'eq', value: 'user_added' }] },
  { name: 'removed', conditions: [{ attribute: 'event', operator: 'eq', value: 'user_account_deleted' }] },
  ALL_EVENTS_REPORT,
];

export const BREAKDOWNS = [
  { id: 'countries', field: 'objects.user.s_country_code', size: 100, title: 'Activity by country' },
  { id: 'devices', field: 'objects.device.s_device_type', size: 20, title: 'Activity by device type' },
] as const;

const iso = (ms: number) => new Date(ms).toISOString();

// Which months a range covers changes at most hourly: "now" to the hour, re-read each minute.
const HOUR = 3_600_000;
const hourNow = () => Math.floor(Date.now() / HOUR) * HOUR;
function subscribeHourly(onChange: () => void): () => void {
  const id = window.setInterval(onChange, 60_000);
  return () => window.clearInterval(id);
}

/** Whole UTC months, first to last inclusive, as an absolute time spec. */
function monthsSpec(first: string, last: string): TimeSpec {
  return { kind: 'absolute', from: iso(monthStart(first)), to: iso(monthStart(addMonths(last, 1))) };
}

/** The month a breakdown shows when the URL names none: the latest one that is over. */
export function defaultMonth(months: readonly string[], now: number): string {
  const over = months.filter((m) => monthStart(addMonths(m, 1)) <= now);
  return over[over.length - 1] ?? months[months.length - 1];
}

/** Every request the users page makes, fired together, and the rows derived from them. */
export function useUsersData(time: TimeSpec, month: string | null, refresh: RefreshOption) {
  const now = useSyncExternalStore(subscribeHourly, hourNow, hourNow);
  const span = useMemo(() => monthsOfWindow(resolveTimeSpec(time, now)), [time, now]);
  const chosen = month && span.months.includes(month) ? month : defaultMonth(span.months, now);

  const mau = useQuery(mauQueryOptions({ from: span.from, to: span.to }, refresh));
  const histogram = useQuery(
    histogramQueryOptions(
      { reports: USER_CHANGE_REPORTS, scope: [], interval: 'month', time: monthsSpec(span.from, span.to) },
      refresh,
    ),
  );
  const monthTime = monthsSpec(chosen, chosen);
  const termsOf = (b: (typeof BREAKDOWNS)[number]) =>
    termsQueryOptions({ field: b.field, size: b.size, scope: [], time: monthTime }, refresh);
  const countries = useQuery(termsOf(BREAKDOWNS[0]));
  const devices = useQuery(termsOf(BREAKDOWNS[1]));

  const mauMonths = mau.data?.months;
  const reports = histogram.data?.reports;
  const rows = useMemo(
    () =>
      userMonthRows(
        span.months,
        mauMonths,
        reports && { added: reports.added ?? [], removed: reports.removed ?? [] },
        now,
      ),
    [span.months, mauMonths, reports, now],
  );
  const monthWindow = { from: monthStart(chosen), to: monthStart(addMonths(chosen, 1)) };
  const monthEvents: TermsTotal = reports
    ? allEventsCount(reports, monthWindow)
    : histogram.isError
      ? 'unavailable'
      : 'loading';
  return {
    span,
    now,
    chosen,
    monthTime,
    mau,
    histogram,
    breakdowns: [countries, devices] as const,
    monthEvents,
    rows,
  };
}
