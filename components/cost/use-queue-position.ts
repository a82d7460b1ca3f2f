'use client';

import { useIsFetching, useQuery } from '@tanstack/react-query';
import { budgetQueryOptions } from '@/lib/queries/budget';
import type { BudgetWithQueue, QueuedCall } from '@/lib/reporting/types';

const WHILE_WAITING_MS = 2_000;

/**
 * This person's soonest place in the upstream queue, while any of the page's data is loading:
 * the budget is then asked every 2 s (it costs no upstream call), otherwise at its usual pace.
 */
export function useQueuePosition(): QueuedCall | null {
  const loading = useIsFetching({ predicate: (q) => q.queryKey[0] !== 'budget' }) > 0;
  const { data } = useQuery({ ...budgetQueryOptions(), refetchInterval: loading ? WHILE_WAITING_MS : undefined });
  if (!loading) return null;
  // The budget also arrives in every answer's meta, without the queue: only /api/budget carries it.
  const queue = (data as Partial<BudgetWithQueue> | undefined)?.queue ?? [];
  return [...queue].sort((a, b) => Date.parse(a.estimatedStartAt) - Date.parse(b.estimatedStartAt))[0] ?? null;
}
