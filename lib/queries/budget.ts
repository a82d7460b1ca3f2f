/** The remaining upstream budget, polled gently and refreshed from every response's meta. */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';
import { hasMeta, type Budget } from './meta';

export const budgetKeys = {
  all: ['budget'] as const,
};

const POLL_MS = 30_000;

export function budgetQueryOptions() {
  return queryOptions({
    queryKey: budgetKeys.all,
    queryFn: ({ signal }) => fetchJson<Budget>('/api/budget', { signal, headers: { 'X-Priority': 'background' } }),
    refetchInterval: POLL_MS,
    staleTime: POLL_MS,
    retry: false,
  });
}

/**
 * Keeps the budget query current from any reporting response: one subscription for the whole
 * app instead of every hook remembering to do it. Returns the unsubscribe function.
 */
export function syncBudgetFromResponses(client: QueryClient): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryKey[0] === budgetKeys.all[0]) return;
    const data: unknown = event.action.data;
    if (hasMeta(data)) client.setQueryData(budgetKeys.all, data.meta.budget);
  });
}
