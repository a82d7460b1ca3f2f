import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { EventsTableSkeleton } from '@/components/events/events-table-skeleton';
import { PageHeader } from '@/components/layout/page-header';
import { bracketParamsOutcome } from '../_import/bracket-params';
import { BracketParamsRefused } from '../_import/bracket-params-refused';
import { ImportButton } from '../_import/import-button';
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
  const raw = await searchParams;
  // The API's own `query[...]` parameters are translated, never ignored.
  const bracket = bracketParamsOutcome('/events', raw);
  if (bracket.kind === 'redirect') redirect(bracket.href);
  // The same contract as the client view; parsing fills the request cache for server children.
  const { per_page } = await eventsSearchParamsCache.parse(raw);
  return (
    <>
      <PageHeader
        title="Events"
        description="Every event of the application, page by page, with filters and CSV export."
        saveView={bracket.kind === 'none'}
        actions={<ImportButton page="/events" />}
      />
      {bracket.kind === 'refuse' ? (
        <BracketParamsRefused path="/events" problems={bracket.problems} elsewhere={bracket.elsewhere} />
      ) : (
        <Suspense fallback={<EventsTableSkeleton rows={per_page} />}>
          <EventsView />
        </Suspense>
      )}
    </>
  );
}
