import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { SearchParams } from 'nuqs/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { bracketParamsOutcome } from '../_import/bracket-params';
import { BracketParamsRefused } from '../_import/bracket-params-refused';
import { USERS_DEFAULT_RANGE, usersSearchParamsCache } from './search-params';
import { UsersView } from './users-view';

export const metadata: Metadata = { title: 'Users · Authy Reporting' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  // The users page has no filters: API parameters in its URL are refused, not ignored.
  const bracket = bracketParamsOutcome('/users', raw);
  if (bracket.kind === 'refuse') {
    return (
      <>
        <PageHeader title="Users" saveView={false} />
        <BracketParamsRefused path="/users" problems={bracket.problems} elsewhere={bracket.elsewhere} />
      </>
    );
  }
  // The page's default is a year, not the shared 30 days: say so in the URL, so the range
  // picker shows it and the link reproduces it.
  if (raw.range === undefined && raw.from === undefined && raw.to === undefined) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(raw)) for (const v of [value ?? []].flat()) search.append(key, v);
    search.set('range', USERS_DEFAULT_RANGE);
    redirect(`/users?${search.toString()}`);
  }
  // Validates the URL with the same parsers the view reads it with (nuqs, client side).
  await usersSearchParamsCache.parse(raw);
  return (
    <Suspense fallback={<ChartSkeleton height={400} label="Loading users" />}>
      <UsersView />
    </Suspense>
  );
}
