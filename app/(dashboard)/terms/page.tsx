import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { bracketParamsOutcome } from '../_import/bracket-params';
import { BracketParamsRefused } from '../_import/bracket-params-refused';
import { termsSearchParamsCache } from './search-params';
import { TermsView } from './terms-view';

export const metadata: Metadata = { title: 'Terms · Authy Reporting' };

export default async function TermsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  // The API's own bracket parameters are translated, never ignored.
  const bracket = bracketParamsOutcome('/terms', raw);
  if (bracket.kind === 'redirect') redirect(bracket.href);
  if (bracket.kind === 'refuse') {
    return (
      <>
        <PageHeader title="Terms" saveView={false} />
        <BracketParamsRefused path="/terms" problems={bracket.problems} elsewhere={bracket.elsewhere} />
      </>
    );
  }
  // Validates the URL with the same parsers the view reads it with (nuqs, client side).
  await termsSearchParamsCache.parse(raw);
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading terms" />}>
      <TermsView />
    </Suspense>
  );
}
