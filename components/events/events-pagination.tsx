'use client';

import { Button } from '@/components/ui/button';
import { Select, type SelectOption } from '@/components/ui/select';
import { formatCount } from '@/lib/format';
import { MAX_PAGE, reachableEvents, type PageInfo } from './pagination';

type EventsPaginationProps<P extends number> = {
  page: number;
  perPage: P;
  perPageOptions: readonly P[];
  info: PageInfo | null;
  /** A page is loading: the buttons wait for it rather than skip ahead on stale counts. */
  busy: boolean;
  onPage(page: number): void;
  onPerPage(perPage: P): void;
};

/** Previous / next without a total: "page N", the events shown, and the 100-page cap explained. */
export function EventsPagination<P extends number>({
  page,
  perPage,
  perPageOptions,
  info,
  busy,
  onPage,
  onPerPage,
}: EventsPaginationProps<P>) {
  const options: SelectOption<string>[] = perPageOptions.map((n) => ({ value: String(n), label: `${n} per page` }));
  const shown = !info
    ? 'loading…'
    : info.first > 0
      ? `events ${formatCount(info.first)}–${formatCount(info.last)}`
      : 'no events';
  return (
    <div className="flex flex-col gap-2">
      <nav aria-label="Pagination" className="flex flex-wrap items-end gap-3">
        <div className="flex items-center gap-2">
          <Button onClick={() => onPage(page - 1)} disabled={busy || page <= 1}>
            <span aria-hidden="true">←</span> Previous
          </Button>
          <p className="flex min-w-24 flex-col items-center text-sm tabular-nums" aria-live="polite">
            <span>Page {page}</span>
            <span className="text-xs text-gray-600 dark:text-gray-400">
              {info?.isLastPage && info.first > 0 && page > 1 ? `${shown} (last page)` : shown}
            </span>
          </p>
          <Button onClick={() => onPage(page + 1)} disabled={busy || !info?.hasNext}>
            Next <span aria-hidden="true">→</span>
          </Button>
        </div>
        <Select
          label="Events per page"
          value={String(perPage)}
          options={options}
          onChange={(value) => onPerPage(Number(value) as P)}
        />
      </nav>
      {info?.capReached && (
        <p
          role="note"
          className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Page {MAX_PAGE} is as far as the Authy API goes: {formatCount(reachableEvents(perPage))} events at {perPage}{' '}
          per page. {perPage < 100 ? 'Show 100 per page to reach up to 10,000 events, or narrow' : 'Narrow'} the time
          range (or add filters) to see events beyond these.
        </p>
      )}
    </div>
  );
}
