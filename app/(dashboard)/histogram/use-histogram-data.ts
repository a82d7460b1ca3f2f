'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCostGate } from '@/components/cost/use-cost-gate';
import { useMinuteClock } from '@/components/cost/use-minute-clock';
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import { parseInterval, type Interval, type IntervalParam } from '@/lib/authy/interval';
import { toSeriesRows } from '@/lib/queries/histogram-series';
import { BUCKETS_PER_PAGE, bucketCount } from '@/lib/queries/intervals';
import { histogramViewRequest } from '@/lib/queries/page-requests';
import { histogramQueryOptions } from '@/lib/queries/reporting';
import { resolveTimeSpec } from '@/lib/queries/time-spec';
import type { RangePreset } from '@/lib/ranges';
import type { RefreshOption } from '@/lib/view-params';

/**
 * The page's one histogram request (all series together) and its rows with gaps filled. A long
 * one (more than a few pages of 100 buckets, none held by the server) waits for its person's
 * go-ahead (`cost`).
 */
export function useHistogramData(q: {
  range: RangePreset;
  from: Date | null;
  to: Date | null;
  s: Report[];
  f: Condition[];
  interval: IntervalParam | null;
  refresh: RefreshOption;
}) {
  const params = histogramViewRequest(q);
  const now = useMinuteClock();
  const parsed = parseInterval(params.interval);
  const estimate = parsed
    ? Math.ceil(bucketCount(resolveTimeSpec(params.time, now), parsed as Interval) / BUCKETS_PER_PAGE)
    : 0;
  const client = useQueryClient();
  const unguarded = histogramQueryOptions(params, q.refresh);
  const cost = useCostGate(estimate, client.getQueryState(unguarded.queryKey)?.error);
  const query = useQuery(histogramQueryOptions(params, q.refresh, cost.gate));
  const { data } = query;
  const derived = useMemo(() => {
    if (!data) return null;
    // While a new request runs the previous answer stays up: draw only the series it has.
    const names = q.s.map((s) => s.name).filter((name) => name in data.reports);
    return {
      names,
      rows: toSeriesRows(data.reports, names, data.window, data.parsedInterval),
      window: data.window,
      interval: data.parsedInterval,
    };
  }, [data, q.s]);
  return { query, interval: params.interval, derived, cost };
}
