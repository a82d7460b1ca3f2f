import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { HistogramView } from './histogram-view';
import { histogramSearchParamsCache } from './search-params';

export const metadata: Metadata = { title: 'Histogram · Authy Reporting' };

export default async function HistogramPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Validates the URL with the same parsers the view reads it with (nuqs, client side).
  await histogramSearchParamsCache.parse(searchParams);
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading histogram" />}>
      <HistogramView />
    </Suspense>
  );
}
