/**
 * Key factories, request builders and queryOptions for the reporting API's histogram and terms
 * endpoints. Keys hold every parameter that changes the answer and never a timestamp: a
 * relative range stays `range=30d` and is resolved by the server (snapped, so viewers share
 * cache entries).
 */
import { keepPreviousData, queryOptions, type QueryFunctionContext, type QueryKey } from '@tanstack/react-query';
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import { parseInterval, type Interval, type IntervalParam } from '@/lib/authy/interval';
import type { HistogramResponse, TermsResponse } from '@/lib/authy/responses';
import { fetchJson } from '@/lib/api/fetcher';
import type { TimeWindow } from '@/lib/ranges';
import type { RefreshOption } from '@/lib/view-params';
import type { WithMeta } from './meta';
import { refetchEvery } from './refetch';
import { histogramRequest, termsRequest } from './request-search';
import { resolveTimeSpec, type TimeSpec } from './time-spec';

export const REPORTING_PATH = '/api/reporting';

export type HistogramParams = { reports: Report[]; scope: Condition[]; interval: IntervalParam; time: TimeSpec };
export type TermsParams = { field: string; size: number; scope: Condition[]; time: TimeSpec };

export const reportingKeys = {
  all: ['reporting'] as const,
  histograms: () => [...reportingKeys.all, 'date_histogram'] as const,
  histogram: (params: HistogramParams) => [...reportingKeys.histograms(), params] as const,
  terms: () => [...reportingKeys.all, 'terms'] as const,
  term: (params: TermsParams) => [...reportingKeys.terms(), params] as const,
};

/** Auto-refreshes go out as background work, which the server lets a waiting person overtake. */
export function isBackgroundFetch(
  ctx: Pick<QueryFunctionContext, 'client' | 'queryKey'>,
  refresh: RefreshOption,
): boolean {
  return refresh !== 'off' && ctx.client.getQueryData(ctx.queryKey as QueryKey) !== undefined;
}

/**
 * How a page runs an expensive request: only once its cost is known to be small or the person
 * accepted it (`acceptCost` goes to the server as `X-Accept-Cost`, see lib/reporting/plan.ts).
 */
export type CostGate = { enabled: boolean; acceptCost?: number };

const OPEN_GATE: CostGate = { enabled: true };

/** The headers that say who is waiting and what cost they accepted. */
export function requestHeaders(options: { background?: boolean; acceptCost?: number }): HeadersInit | undefined {
  const headers: Record<string, string> = {};
  if (options.background) headers['X-Priority'] = 'background';
  if (options.acceptCost !== undefined) headers['X-Accept-Cost'] = String(options.acceptCost);
  return Object.keys(headers).length > 0 ? headers : undefined;
}

export function getReporting<T>(
  endpoint: 'date_histogram' | 'terms' | 'events',
  search: URLSearchParams,
  options: { signal?: AbortSignal; background?: boolean; acceptCost?: number },
): Promise<WithMeta<T>> {
  return fetchJson<WithMeta<T>>(`${REPORTING_PATH}/${endpoint}?${search.toString()}`, {
    signal: options.signal,
    headers: requestHeaders(options),
  });
}

/** The window an answer covers: the server's resolution of a preset, or the absolute one asked for. */
export function answeredWindow(meta: WithMeta<object>['meta'], time: TimeSpec): TimeWindow {
  if (meta.window) return { from: Date.parse(meta.window.from), to: Date.parse(meta.window.to) };
  return resolveTimeSpec(time, Date.parse(meta.fetchedAt));
}

export type HistogramResult = WithMeta<HistogramResponse> & { window: TimeWindow; parsedInterval: Interval };

export function histogramQueryOptions(params: HistogramParams, refresh: RefreshOption = 'off', gate = OPEN_GATE) {
  return queryOptions({
    queryKey: reportingKeys.histogram(params),
    queryFn: async (ctx): Promise<HistogramResult> => {
      const answer = await getReporting<HistogramResponse>('date_histogram', histogramRequest(params), {
        signal: ctx.signal,
        background: isBackgroundFetch(ctx, refresh),
        acceptCost: gate.acceptCost,
      });
      return {
        ...answer,
        window: answeredWindow(answer.meta, params.time),
        parsedInterval: parseInterval(params.interval) as Interval,
      };
    },
    enabled: gate.enabled && params.reports.length > 0 && parseInterval(params.interval) !== null,
    ...refetchEvery(refresh),
    placeholderData: keepPreviousData,
  });
}

export type TermsResult = WithMeta<TermsResponse> & { window: TimeWindow };

export function termsQueryOptions(params: TermsParams, refresh: RefreshOption = 'off') {
  return queryOptions({
    queryKey: reportingKeys.term(params),
    queryFn: async (ctx): Promise<TermsResult> => {
      const answer = await getReporting<TermsResponse>('terms', termsRequest(params), {
        signal: ctx.signal,
        background: isBackgroundFetch(ctx, refresh),
      });
      return { ...answer, window: answeredWindow(answer.meta, params.time) };
    },
    ...refetchEvery(refresh),
    placeholderData: keepPreviousData,
  });
}
