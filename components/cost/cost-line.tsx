'use client';

import { useQuery } from '@tanstack/react-query';
import { budgetQueryOptions } from '@/lib/queries/budget';
import { answeredLocally, costWords, viewCalls, type ViewAnswers } from './view-cost';

/**
 * The cost of the view on screen, as its answers come in: how many upstream calls it spent (or
 * that the archive answered it, at none) and what is left of the minute. Sized before it knows,
 * so the toolbar does not move when it does.
 */
export function CostLine({ answers }: { answers: ViewAnswers }) {
  const { data: budget } = useQuery(budgetQueryOptions());
  return (
    <p
      role="status"
      aria-label="Cost of this view"
      className="ml-auto min-w-60 self-center text-right text-xs text-gray-600 tabular-nums dark:text-gray-400"
    >
      {costWords(viewCalls(answers), budget, answeredLocally(answers))}
    </p>
  );
}
