'use client';

import { useIsFetching, useQuery } from '@tanstack/react-query';
import { budgetQueryOptions } from '@/lib/queries/budget';
import type { Budget } from '@/lib/queries/meta';

/** A request of this person waiting for the upstream budget: its place and when it should run. */
type QueuePlace = { position: number; estimatedStartAt: string };

/** `GET /api/budget` as the limiter reports it once it queues people's requests. */
type BudgetWithQueue = Budget & { queue?: QueuePlace[] };

const WHILE_WAITING_MS = 2_000;

/**
 * This person's soonest place in the upstream queue, while any of the page's data is loading:
 * the budget is then asked every 2 s (it costs no upstream call), otherwise at its usual pace.
 */
export function useQueuePosition(): QueuePlace | null {
  const loading = useIsFetching({ predicate: (q) => q.queryKey[0] !== 'budget' }) > 0;
  const { data } = useQuery({ ...budgetQueryOptions(), refetchInterval: loading ? WHILE_WAITING_MS : undefined });
  if (!loading) return null;
  const queue = (data as BudgetWithQueue | undefined)?.queue ?? [];
  return [...queue].sort((a, b) => Date.parse(a.estimatedStartAt) - Date.parse(b.estimatedStartAt))[0] ?? null;
}
