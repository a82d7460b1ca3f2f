import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { termsSearchParamsCache } from './search-params';
import { TermsView } from './terms-view';

export const metadata: Metadata = { title: 'Terms · Authy Reporting' };

export default async function TermsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Validates the URL with the same parsers the view reads it with (nuqs, client side).
  await termsSearchParamsCache.parse(searchParams);
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading terms" />}>
      <TermsView />
    </Suspense>
  );
}
