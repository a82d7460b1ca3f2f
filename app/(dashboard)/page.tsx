import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { OverviewView } from './overview-view';
import { overviewSearchParamsCache } from './search-params';

export const metadata: Metadata = { title: 'Overview · Authy Reporting' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Parsing on the server validates the URL the same way the client will read it; the view
  // itself reads the URL (nuqs) so that changing a control never needs a server round trip.
  await overviewSearchParamsCache.parse(searchParams);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: this is the request's clock
  const renderedAt = Date.now();
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading overview" />}>
      <OverviewView renderedAt={renderedAt} />
    </Suspense>
  );
}
