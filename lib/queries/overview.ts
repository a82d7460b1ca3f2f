/**
 * The overview's queries. Keys hold the view as the URL says it (a preset stays a preset); the
 * server resolves a preset when the query runs and says which windows it answered for, so an
 * auto-refresh moves with time while the key stays put.
 */
import { queryOptions } from '@tanstack/react-query';
import type { HistogramResponse, TermsResponse } from '@/lib/authy/responses';
import type { RefreshOption } from '@/lib/view-params';
import type { WithMeta } from './meta';
import {
  answeredPlan,
  overviewRequests,
  type OverviewPlan,
  type OverviewTermsId,
  type OverviewView,
} from './overview-requests';
import { refetchEvery } from './refetch';
import { getReporting, isBackgroundFetch, reportingKeys } from './reporting';

export const overviewKeys = {
  all: [...reportingKeys.all, 'overview'] as const,
  histogram: (view: OverviewView) => [...overviewKeys.all, 'date_histogram', view] as const,
  terms: (view: OverviewView, id: OverviewTermsId) => [...overviewKeys.all, 'terms', id, view] as const,
};

export type OverviewHistogram = WithMeta<HistogramResponse> & { plan: OverviewPlan };
export type OverviewTerms = WithMeta<TermsResponse> & { plan: OverviewPlan };

export function overviewHistogramOptions(view: OverviewView, refresh: RefreshOption) {
  return queryOptions({
    queryKey: overviewKeys.histogram(view),
    queryFn: async (ctx): Promise<OverviewHistogram> => {
      const { plan, histogram } = overviewRequests(view, Date.now());
      const answer = await getReporting<HistogramResponse>(histogram.endpoint, histogram.search, {
        signal: ctx.signal,
        background: isBackgroundFetch(ctx, refresh),
      });
      return { ...answer, plan: answeredPlan(plan, answer.meta) };
    },
    ...refetchEvery(refresh),
  });
}

export function overviewTermsOptions(view: OverviewView, id: OverviewTermsId, refresh: RefreshOption) {
  return queryOptions({
    queryKey: overviewKeys.terms(view, id),
    queryFn: async (ctx): Promise<OverviewTerms> => {
      const { plan, terms } = overviewRequests(view, Date.now());
      const request = terms.find((t) => t.id === id);
      if (!request) throw new Error(`unknown overview terms ${id}`);
      const answer = await getReporting<TermsResponse>(request.endpoint, request.search, {
        signal: ctx.signal,
        background: isBackgroundFetch(ctx, refresh),
      });
      return { ...answer, plan: answeredPlan(plan, answer.meta) };
    },
    ...refetchEvery(refresh),
  });
}
