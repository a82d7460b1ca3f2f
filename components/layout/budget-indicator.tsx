'use client';

import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatResume } from '@/lib/format';
import { budgetQueryOptions } from '@/lib/queries/budget';
import { budgetResumesAt } from '@/lib/queries/meta';

// Re-render every 5 s so "back in N seconds" counts down without a timer per component.
function subscribeClock(onTick: () => void): () => void {
  const id = window.setInterval(onTick, 5_000);
  return () => window.clearInterval(id);
}
const clockNow = () => Math.floor(Date.now() / 5_000) * 5_000;

// The same room before and after the budget loads: on a narrow screen a wider badge wraps the
// header onto another line and pushes the whole page down.
const ROOM = 'min-w-40 justify-center';

/** What is left of the upstream budget (30/min, 300/h), and when a spent one comes back. */
export function BudgetIndicator() {
  const { data: budget } = useQuery(budgetQueryOptions());
  const now = useSyncExternalStore(subscribeClock, clockNow, () => 0);
  if (!budget || now === 0) {
    return <span className={`inline-flex text-xs text-gray-600 dark:text-gray-400 ${ROOM}`}>API budget …</span>;
  }
  const resumesAt = budgetResumesAt(budget, now);
  const label = `API budget: ${budget.minute.remaining} of ${budget.minute.limit} calls left this minute, ${budget.hour.remaining} of ${budget.hour.limit} this hour`;
  if (resumesAt !== null) {
    return (
      <Badge tone="danger" role="status" title={label} className={ROOM}>
        Budget spent · back {formatResume(resumesAt, now)}
      </Badge>
    );
  }
  const low = budget.minute.remaining <= 5 || budget.hour.remaining <= 30;
  return (
    <Badge tone={low ? 'warning' : 'neutral'} title={label} className={ROOM}>
      <span aria-hidden="true">
        API {budget.minute.remaining}/{budget.minute.limit} min · {budget.hour.remaining}/{budget.hour.limit} h
      </span>
      <span className="sr-only">{label}</span>
    </Badge>
  );
}
