'use client';

import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { budgetQueryOptions } from '@/lib/queries/budget';
import type { useCostGate } from './use-cost-gate';

const calls = (n: number) => `${n} upstream ${n === 1 ? 'call' : 'calls'}`;

/**
 * Asks before an expensive view spends anything: how many calls, against what is left of the
 * team's budget. Declined, the view says what it would cost and offers to ask again.
 */
export function CostConfirm({ gate, what }: { gate: ReturnType<typeof useCostGate>; what: string }) {
  const { data: budget } = useQuery(budgetQueryOptions());
  const n = gate.planned ?? 0;
  const overMinute = budget !== undefined && n > budget.minute.remaining;
  return (
    <>
      <ConfirmDialog
        open={gate.asking}
        title={`Load this ${what}? It costs ${calls(n)}`}
        confirmLabel={`Spend ${calls(n)}`}
        onConfirm={gate.accept}
        onCancel={gate.decline}
      >
        <p>
          Opening this {what} asks the Authy API {n} times. Answers the dashboard already holds cost nothing and are not
          counted.
        </p>
        <p>
          {budget
            ? `Budget left for the whole team: ${budget.minute.remaining} of ${budget.minute.limit} calls this minute, ${budget.hour.remaining} of ${budget.hour.limit} this hour.`
            : 'The remaining budget is not known yet.'}
        </p>
        {overMinute && (
          <p className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            That is more than this minute has left: the calls wait their turn, so it will take a while.
          </p>
        )}
      </ConfirmDialog>
      {gate.declined && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 rounded-md border border-gray-200 p-3 text-sm dark:border-gray-800"
        >
          <span>
            Not loaded: this {what} needs {calls(n)}.
          </span>
          <Button size="sm" onClick={gate.reconsider}>
            Load it…
          </Button>
        </div>
      )}
    </>
  );
}
