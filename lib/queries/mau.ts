/**
 * The MAU query: key, fetch and refresh. While months are still being counted (each request
 * spends a bounded number of upstream calls), the query asks again after a pause, as
 * background work, so the page fills in by itself without crowding out people waiting.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';
import type { MauResponse } from '@/lib/reporting/mau/types';
import { REFRESH_MS, type RefreshOption } from '@/lib/view-params';
import { mauPath, type MauMonths } from './request-search';

/**
 * How soon to continue counting. Each request spends at most the server's per-request budget
 * (20 calls by default), and background requests leave the hour's last calls to people.
 */
export const CONTINUE_MS = 60_000;
/** After the upstream said "slow down", wait longer. */
const RATE_LIMITED_MS = 90_000;

export const mauKeys = {
  all: ['mau'] as const,
  months: (months: MauMonths) => [...mauKeys.all, months.from, months.to] as const,
};


/** When to ask again: soon while counting progresses, at the chosen refresh otherwise. */
export function mauRefetchInterval(data: MauResponse | undefined, refresh: RefreshOption): number | false {
  if (data && data.months.some((m) => m.pending))
    return data.stoppedBy === 'rate_limited' ? RATE_LIMITED_MS : CONTINUE_MS;
  return REFRESH_MS[refresh];
}

export function mauQueryOptions(months: MauMonths, refresh: RefreshOption = 'off') {
  return queryOptions({
    queryKey: mauKeys.months(months),
    queryFn: (ctx) =>
      fetchJson<MauResponse>(mauPath(months), {
        signal: ctx.signal,
        // A refetch (continuing, or auto-refresh) is background work; the first load is not.
        headers: ctx.client.getQueryData(ctx.queryKey) !== undefined ? { 'X-Priority': 'background' } : undefined,
      }),
    refetchInterval: (query) => mauRefetchInterval(query.state.data, refresh),
    placeholderData: keepPreviousData,
  });
}
