'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { EventsTable } from '@/components/events/events-table';
import { EventsTableSkeleton } from '@/components/events/events-table-skeleton';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { viewerTimeZone } from '@/lib/format';
import type { EventsPage } from '@/lib/queries/events';

type EventsResultsProps = {
  query: UseQueryResult<EventsPage>;
  page: number;
  perPage: number;
  utc: boolean;
  filtered: boolean;
  onFirstPage(): void;
};

/** The table, or why there is none: loading, the server's error, or no matching events. */
export function EventsResults({ query, page, perPage, utc, filtered, onFirstPage }: EventsResultsProps) {
  const { data } = query;
  if (query.isError && (!data || !query.isPlaceholderData)) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!data) return <EventsTableSkeleton rows={perPage} />;
  if (data.events.length === 0 && !query.isPlaceholderData) {
    return page > 1 ? (
      <EmptyState title={`No events on page ${page}`}>
        <p>This is past the last page of events.</p>
        <Button size="sm" className="mt-2" onClick={onFirstPage}>
          Go to page 1
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title="No events match">
        {filtered ? 'Try removing a filter or choosing a longer time range.' : 'Try a longer time range.'}
      </EmptyState>
    );
  }
  // Only rendered once data is in the browser, so the viewer's zone is known here.
  const zone = utc ? 'UTC' : viewerTimeZone();
  return (
    <EventsTable
      events={data.events}
      utc={utc}
      stale={query.isPlaceholderData}
      caption={
        query.isPlaceholderData
          ? `Loading page ${page}; the previous page is shown meanwhile.`
          : `Events on page ${page}, newest first; times in ${zone}.`
      }
    />
  );
}
