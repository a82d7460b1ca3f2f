'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { TermsTotal } from '@/components/charts/terms-bars';
import { addMonths, monthStart } from '@/lib/mau/months';
import { hourOf, usersViewRequests } from '@/lib/queries/page-requests';
import { allEventsCount } from '@/lib/queries/all-events';
import { histogramQueryOptions, termsQueryOptions } from '@/lib/queries/reporting';
import type { TimeSpec } from '@/lib/queries/time-spec';
import type { RefreshOption } from '@/lib/view-params';
import { useMauCounting } from './use-mau-counting';
import { userMonthRows } from './users-months';

// Which months a range covers changes at most hourly: "now" to the hour, re-read each minute.
const hourNow = () => hourOf(Date.now());
function subscribeHourly(onChange: () => void): () => void {
  const id = window.setInterval(onChange, 60_000);
  return () => window.clearInterval(id);
}

/** Every request the users page makes, fired together, and the rows derived from them. */
export function useUsersData(time: TimeSpec, month: string | null, refresh: RefreshOption) {
  const now = useSyncExternalStore(subscribeHourly, hourNow, hourNow);
  const requests = useMemo(() => usersViewRequests(time, month, now), [time, month, now]);
  const { span, chosen, monthTime } = requests;

  const mau = useMauCounting({ from: span.from, to: span.to }, refresh);
  const histogram = useQuery(histogramQueryOptions(requests.histogram, refresh));
  const countries = useQuery(termsQueryOptions(requests.breakdowns[0], refresh));
  const devices = useQuery(termsQueryOptions(requests.breakdowns[1], refresh));

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
