'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import type { IntervalParam } from '@/lib/authy/interval';
import { toSeriesRows } from '@/lib/queries/histogram-series';
import { defaultInterval } from '@/lib/queries/intervals';
import { histogramQueryOptions } from '@/lib/queries/reporting';
import type { TimeSpec } from '@/lib/queries/time-spec';
import type { RefreshOption } from '@/lib/view-params';

/** The page's one histogram request (all series together) and its rows with gaps filled. */
export function useHistogramData(q: {
  series: Report[];
  scope: Condition[];
  interval: IntervalParam | null;
  time: TimeSpec;
  refresh: RefreshOption;
}) {
  const interval = q.interval ?? defaultInterval(q.time);
  const query = useQuery(
    histogramQueryOptions({ reports: q.series, scope: q.scope, interval, time: q.time }, q.refresh),
  );
  const { data } = query;
  const derived = useMemo(() => {
    if (!data) return null;
    // While a new request runs the previous answer stays up: draw only the series it has.
    const names = q.series.map((s) => s.name).filter((name) => name in data.reports);
    return {
      names,
      rows: toSeriesRows(data.reports, names, data.window, data.parsedInterval),
      window: data.window,
      interval: data.parsedInterval,
    };
  }, [data, q.series]);
  return { query, interval, derived };
}
