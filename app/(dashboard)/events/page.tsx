import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { EventsTableSkeleton } from '@/components/events/events-table-skeleton';
import { PageHeader } from '@/components/layout/page-header';
import { eventsSearchParamsCache } from './search-params';
import { EventsView } from './events-view';

type PageProps = { searchParams: Promise<SearchParams> };

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const { page } = await eventsSearchParamsCache.parse(searchParams);
  return { title: page > 1 ? `Events, page ${page}` : 'Events' };
}

/**
 * GET /events: the raw events behind any spike. The URL is the whole view (see
 * search-params.ts); the client view reads it with the same parsers.
 */
export default async function EventsPage({ searchParams }: PageProps) {
  // The same contract as the client view; parsing fills the request cache for server children.
  const { per_page } = await eventsSearchParamsCache.parse(searchParams);
  return (
    <>
      <PageHeader
        title="Events"
        description="Every event of the application, page by page, with filters and CSV export."
      />
      <Suspense fallback={<EventsTableSkeleton rows={per_page} />}>
        <EventsView />
      </Suspense>
    </>
  );
}
