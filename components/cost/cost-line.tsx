'use client';

import { useQuery } from '@tanstack/react-query';
import { budgetQueryOptions } from '@/lib/queries/budget';
import { costWords } from './view-cost';

/**
 * The cost of the view on screen, as its answers come in: how many upstream calls it spent and
 * what is left of the minute. Sized before it knows, so the toolbar does not move when it does.
 */
export function CostLine({ calls }: { calls: number | null }) {
  const { data: budget } = useQuery(budgetQueryOptions());
  return (
    <p
      role="status"
      aria-label="Cost of this view"
      className="ml-auto min-w-60 self-center text-right text-xs text-gray-600 tabular-nums dark:text-gray-400"
    >
      {costWords(calls, budget)}
    </p>
  );
}
