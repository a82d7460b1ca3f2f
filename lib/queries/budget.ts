/** The remaining upstream budget, polled gently and refreshed from every response's meta. */
import type { QueryClient } from '@tanstack/react-query';
import { hasMeta, type Budget } from './meta';
import { polledQueryOptions } from './polled';

export const budgetKeys = {
  all: ['budget'] as const,
};

const POLL_MS = 30_000;

export function budgetQueryOptions() {
  return polledQueryOptions<Budget, typeof budgetKeys.all>(budgetKeys.all, '/api/budget', POLL_MS);
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
