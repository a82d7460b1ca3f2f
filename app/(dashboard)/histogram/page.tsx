import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { bracketParamsOutcome } from '../_import/bracket-params';
import { BracketParamsRefused } from '../_import/bracket-params-refused';
import { HistogramView } from './histogram-view';
import { histogramSearchParamsCache } from './search-params';

export const metadata: Metadata = { title: 'Histogram · Authy Reporting' };

export default async function HistogramPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  // The API's own bracket parameters are translated, never ignored.
  const bracket = bracketParamsOutcome('/histogram', raw);
  if (bracket.kind === 'redirect') redirect(bracket.href);
  if (bracket.kind === 'refuse') {
    return (
      <>
        <PageHeader title="Histogram" saveView={false} />
        <BracketParamsRefused path="/histogram" problems={bracket.problems} elsewhere={bracket.elsewhere} />
      </>
    );
  }
  // Validates the URL with the same parsers the view reads it with (nuqs, client side).
  await histogramSearchParamsCache.parse(raw);
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading histogram" />}>
      <HistogramView />
    </Suspense>
  );
}
