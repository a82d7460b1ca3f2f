import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { bracketParamsOutcome } from './_import/bracket-params';
import { BracketParamsRefused } from './_import/bracket-params-refused';
import { OverviewView } from './overview-view';
import { overviewSearchParamsCache } from './search-params';

export const metadata: Metadata = { title: 'Overview · Authy Reporting' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  // The overview has no filters: API parameters in its URL are refused, not ignored.
  const bracket = bracketParamsOutcome('/', raw);
  if (bracket.kind === 'refuse') {
    return (
      <>
        <PageHeader title="Overview" saveView={false} />
        <BracketParamsRefused path="/" problems={bracket.problems} elsewhere={bracket.elsewhere} />
      </>
    );
  }
  // Parsing on the server validates the URL the same way the client will read it; the view
  // itself reads the URL (nuqs) so that changing a control never needs a server round trip.
  await overviewSearchParamsCache.parse(raw);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: this is the request's clock
  const renderedAt = Date.now();
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading overview" />}>
      <OverviewView renderedAt={renderedAt} />
    </Suspense>
  );
}
