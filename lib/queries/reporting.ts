/**
 * Key factories, request builders and queryOptions for the reporting API's histogram and terms
 * endpoints. Keys hold every parameter that changes the answer and never a timestamp: a
 * relative range stays `range=30d` and is resolved by the server (snapped, so viewers share
 * cache entries).
 */
import { keepPreviousData, queryOptions, type QueryFunctionContext, type QueryKey } from '@tanstack/react-query';
import { conditionEntries, reportEntries, type Condition, type Report } from '@/lib/authy/bracket-codec';
import { parseInterval, type Interval } from '@/lib/authy/interval';
import type { Bucket, HistogramResponse, TermsResponse } from '@/lib/authy/responses';
import { fetchJson } from '@/lib/api/fetcher';
import type { TimeWindow } from '@/lib/ranges';
import { REFRESH_MS, type RefreshOption } from '@/lib/view-params';
import type { WithMeta } from './meta';
import { resolveTimeSpec, timeEntries, type TimeSpec } from './time-spec';

export const REPORTING_PATH = '/api/reporting';

export type HistogramParams = { reports: Report[]; scope: Condition[]; interval: string; time: TimeSpec };
export type TermsParams = { field: string; size: number; scope: Condition[]; time: TimeSpec };

export const reportingKeys = {
  all: ['reporting'] as const,
  histograms: () => [...reportingKeys.all, 'date_histogram'] as const,
  histogram: (params: HistogramParams) => [...reportingKeys.histograms(), params] as const,
  terms: () => [...reportingKeys.all, 'terms'] as const,
  term: (params: TermsParams) => [...reportingKeys.terms(), params] as const,
};

/** `report[...]`, `scope[...]`, `interval` and the time, as the histogram route takes them. */
export function histogramSearch(q: {
  reports: readonly Report[];
  scope: readonly Condition[];
  interval: string;
  time: [string, string][];
}): URLSearchParams {
  return new URLSearchParams([
    ...reportEntries(q.reports),
    ...conditionEntries('scope', q.scope),
    ['interval', q.interval],
    ...q.time,
  ]);
}

export function termsSearch(q: {
  field: string;
  size: number;
  scope: readonly Condition[];
  time: [string, string][];
}): URLSearchParams {
  return new URLSearchParams([
    ['field', q.field],
    ['size', String(q.size)],
    ...conditionEntries('scope', q.scope),
    ...q.time,
  ]);
}

/** Auto-refreshes go out as background work, which the server lets a waiting person overtake. */
export function isBackgroundFetch(
  ctx: Pick<QueryFunctionContext, 'client' | 'queryKey'>,
  refresh: RefreshOption,
): boolean {
  return refresh !== 'off' && ctx.client.getQueryData(ctx.queryKey as QueryKey) !== undefined;
}

export function getReporting<T>(
  endpoint: 'date_histogram' | 'terms' | 'events',
  search: URLSearchParams,
  { signal, background }: { signal?: AbortSignal; background?: boolean },
): Promise<WithMeta<T>> {
  return fetchJson<WithMeta<T>>(`${REPORTING_PATH}/${endpoint}?${search.toString()}`, {
    signal,
    headers: background ? { 'X-Priority': 'background' } : undefined,
  });
}

/** The window an answer covers: the server's resolution of a preset, or the absolute one asked for. */
export function answeredWindow(meta: WithMeta<object>['meta'], time: TimeSpec): TimeWindow {
  if (meta.window) return { from: Date.parse(meta.window.from), to: Date.parse(meta.window.to) };
  return resolveTimeSpec(time, Date.parse(meta.fetchedAt));
}

export type HistogramResult = WithMeta<HistogramResponse> & { window: TimeWindow; parsedInterval: Interval };

export function histogramQueryOptions(params: HistogramParams, refresh: RefreshOption = 'off') {
  return queryOptions({
    queryKey: reportingKeys.histogram(params),
    queryFn: async (ctx): Promise<HistogramResult> => {
      const search = histogramSearch({ ...params, time: timeEntries(params.time, 'scope') });
      const answer = await getReporting<HistogramResponse>('date_histogram', search, {
        signal: ctx.signal,
        background: isBackgroundFetch(ctx, refresh),
      });
      return {
        ...answer,
        window: answeredWindow(answer.meta, params.time),
        parsedInterval: parseInterval(params.interval) as Interval,
      };
    },
    enabled: params.reports.length > 0 && parseInterval(params.interval) !== null,
    refetchInterval: REFRESH_MS[refresh],
    placeholderData: keepPreviousData,
  });
}

/**
 * A series every event is in (none is older than the epoch): summed over a window, it counts
 * all the events a scope matches, the total a terms answer cannot give (it lists only its top
 * values, and only events that have the field). It rides along in histograms already asked.
 */
export const ALL_EVENTS_REPORT: Report = {
  name: 'all_events',
  conditions: [{ attribute: 'time', operator: 'gte', value: '1970-01-01T00:00:00.000Z' }],
};

/** The all-events count of a histogram answer, over its buckets starting in [from, to) when given. */
export function allEventsCount(reports: Readonly<Record<string, readonly Bucket[]>>, window?: TimeWindow): number {
  let total = 0;
  for (const bucket of reports[ALL_EVENTS_REPORT.name] ?? []) {
    if (!window || (bucket.timestamp >= window.from && bucket.timestamp < window.to)) total += bucket.count;
  }
  return total;
}

/**
 * How many events the terms page's scope matches in its window: one yearly histogram of
 * ALL_EVENTS_REPORT (a window of a year or less is one or two buckets, one upstream call).
 */
export function termsTotalQueryOptions(params: Omit<TermsParams, 'field' | 'size'>, refresh: RefreshOption = 'off') {
  return queryOptions({
    ...histogramQueryOptions(
      { reports: [ALL_EVENTS_REPORT], scope: params.scope, interval: 'year', time: params.time },
      refresh,
    ),
    select: (data: HistogramResult) => allEventsCount(data.reports),
  });
}

export type TermsResult = WithMeta<TermsResponse> & { window: TimeWindow };

export function termsQueryOptions(params: TermsParams, refresh: RefreshOption = 'off') {
  return queryOptions({
    queryKey: reportingKeys.term(params),
    queryFn: async (ctx): Promise<TermsResult> => {
      const search = termsSearch({ ...params, time: timeEntries(params.time, 'scope') });
      const answer = await getReporting<TermsResponse>('terms', search, {
        signal: ctx.signal,
        background: isBackgroundFetch(ctx, refresh),
      });
      return { ...answer, window: answeredWindow(answer.meta, params.time) };
    },
    refetchInterval: REFRESH_MS[refresh],
    placeholderData: keepPreviousData,
  });
}
