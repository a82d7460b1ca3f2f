'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { nextBucketStart } from '@/lib/authy/interval';
import { ALL_EVENTS_REPORT } from '@/lib/queries/all-events';
import { sumSeries, toSeriesRows } from '@/lib/queries/histogram-series';
import { overviewHistogramOptions, overviewTermsOptions } from '@/lib/queries/overview';
import { OVERVIEW_REPORTS, OVERVIEW_TERMS, type OverviewView } from '@/lib/queries/overview-requests';
import type { RefreshOption } from '@/lib/view-params';
import { overviewKpis } from './overview-kpis';

const SERIES_NAMES = [...OVERVIEW_REPORTS.map((r) => r.name), ALL_EVENTS_REPORT.name];

/** The overview's four requests (fired together, so the server can coalesce) and what is derived from them. */
export function useOverviewData(view: OverviewView, refresh: RefreshOption) {
  const histogram = useQuery(overviewHistogramOptions(view, refresh));
  const terms = useQueries({ queries: OVERVIEW_TERMS.map((t) => overviewTermsOptions(view, t.id, refresh)) });

  const data = histogram.data;
  const derived = useMemo(() => {
    if (!data) return null;
    const { plan } = data;
    const rows = toSeriesRows(data.reports, SERIES_NAMES, plan.span, plan.parsedInterval);
    return {
      plan,
      currentRows: rows.filter((row) => row.t >= plan.current.from),
      /** The current period's last bucket ends after now: it is still filling. */
      lastBucketOpen:
        rows.length > 0 && nextBucketStart(rows[rows.length - 1].t, plan.parsedInterval) > plan.current.to,
      kpis: overviewKpis(rows, plan),
      // The breakdowns' window is the current period: their shares are of its events.
      allEvents: sumSeries(rows, ALL_EVENTS_REPORT.name, plan.current),
    };
  }, [data]);

  return { histogram, terms, derived };
}
