/**
 * The MAU queries. Reading what is counted costs nothing (`calls=0`) and is what the page asks
 * first. Counting more spends calls, so it runs only within what the person accepted: a step of
 * at most the server's per-request budget, then the next after a pause, as background work,
 * only while the tab is visible and until the accepted calls are spent.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';
import type { MauResponse } from '@/lib/mau/types';
import { REFRESH_MS, type RefreshOption } from '@/lib/view-params';
import { requestHeaders } from './reporting';
import { mauPath, type MauMonths } from './request-search';

/** How soon to continue counting: background steps leave the minute to people in between. */
export const CONTINUE_MS = 60_000;
/** After the upstream said "slow down", wait longer. */
const RATE_LIMITED_MS = 90_000;
/** Calls one counting step asks for: the server's default per-request budget (MAU_CALL_BUDGET). */
export const MAU_STEP = 20;

export const mauKeys = {
  all: ['mau'] as const,
  look: (months: MauMonths) => [...mauKeys.all, 'look', months.from, months.to] as const,
  count: (months: MauMonths) => [...mauKeys.all, 'count', months.from, months.to] as const,
};

/** What is counted so far, for free; asked again at the chosen auto-refresh. */
export function mauLookOptions(months: MauMonths, refresh: RefreshOption = 'off') {
  return queryOptions({
    queryKey: mauKeys.look(months),
    queryFn: ({ signal }) => fetchJson<MauResponse>(mauPath(months, 0), { signal }),
    refetchInterval: REFRESH_MS[refresh],
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

/** When to take the next step: while months are pending and calls are left to spend. */
function mauContinueInterval(data: MauResponse | undefined, callsLeft: number): number | false {
  if (!data || callsLeft <= 0 || !data.months.some((m) => m.pending)) return false;
  return data.stoppedBy === 'rate_limited' ? RATE_LIMITED_MS : CONTINUE_MS;
}

/**
 * Counting within `callsLeft`, the calls the person accepted and not yet spent; `onSpent` hears
 * what each step spent. The first step is a person waiting; the steps after it are background.
 */
export function mauCountOptions(months: MauMonths, callsLeft: number, onSpent: (calls: number) => void) {
  const step = Math.min(MAU_STEP, callsLeft);
  return queryOptions({
    queryKey: mauKeys.count(months),
    queryFn: async (ctx) => {
      const background = ctx.client.getQueryData(ctx.queryKey) !== undefined;
      const answer = await fetchJson<MauResponse>(mauPath(months, step), {
        signal: ctx.signal,
        headers: requestHeaders({ background, acceptCost: step }),
      });
      onSpent(answer.budget.spent);
      return answer;
    },
    enabled: step > 0,
    refetchInterval: (query) => mauContinueInterval(query.state.data, callsLeft),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
