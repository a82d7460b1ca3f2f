import { formatCount } from '@/lib/format';
import type { Budget } from '@/lib/queries/meta';
import { EXPORT_PER_PAGE, type ExportEstimate } from './export-plan';
import { MAX_PAGE, reachableEvents } from './pagination';

/** What the export may spend, said before it spends anything. */
export function ExportCost({ estimate, budget }: { estimate: ExportEstimate; budget: Budget | null }) {
  const calls = (n: number) => `${n} upstream ${n === 1 ? 'call' : 'calls'}`;
  const overMinute = budget !== null && estimate.maxCalls > budget.minute.remaining;
  const overHour = budget !== null && estimate.maxCalls > budget.hour.remaining;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p>
        The events are fetched {EXPORT_PER_PAGE} at a time. The API gives no total, so the number of pages is only known
        when a short page arrives.
      </p>
      <p className="font-medium">
        {estimate.exact
          ? `This will spend ${calls(estimate.maxCalls)}, one per ${EXPORT_PER_PAGE} events.`
          : `This may spend up to ${calls(estimate.maxCalls)}, one per ${EXPORT_PER_PAGE} events, at most ${MAX_PAGE} pages (${formatCount(reachableEvents(EXPORT_PER_PAGE))} events)${estimate.minCalls > 1 ? `; at least ${estimate.minCalls}` : ''}.`}{' '}
        Pages the server has cached cost nothing.
      </p>
      <p>
        {budget
          ? `Budget left: ${budget.minute.remaining} of ${budget.minute.limit} calls this minute, ${budget.hour.remaining} of ${budget.hour.limit} this hour.`
          : 'The remaining budget is not known yet.'}
      </p>
      {(overMinute || overHour) && (
        <p className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          That may be more than the budget left {overHour ? 'this hour' : 'this minute'}. If the budget runs out, the
          export stops and keeps the events fetched so far.
        </p>
      )}
    </div>
  );
}
