'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { CONTINUE_MS } from '@/lib/queries/mau';
import type { MauResponse } from '@/lib/mau/types';

/**
 * How far the count has got: how many months are exact, and that the rest continues by itself
 * (each request may spend only a few upstream calls), with a way to continue now.
 */
export function MauProgress({ query }: { query: UseQueryResult<MauResponse> }) {
  const data = query.data;
  if (!data) return <>Distinct users with at least one event in each UTC month</>;
  const live = data.months.find((m) => m.inProgress);
  const exact = data.months.filter((m) => m.exact && !m.inProgress).length;
  const over = data.months.length - (live ? 1 : 0);
  const pending = data.months.some((m) => m.pending);
  const why =
    data.stoppedBy === 'rate_limited'
      ? 'The upstream budget is spent for now; counting resumes when it returns.'
      : `Counting continues about every ${Math.round(CONTINUE_MS / 1000)} s, ${data.budget.calls} upstream calls at a time.`;
  return (
    <span aria-live="polite">
      {exact} of {over} past month{over === 1 ? '' : 's'} exact
      {live ? (live.exact ? '; the current month exact so far' : '; the current month is counted last') : ''}.{' '}
      {pending ? (
        <>
          {why}{' '}
          <Button
            size="sm"
            variant="ghost"
            className="h-6 px-1.5 underline"
            onClick={() => void query.refetch()}
            disabled={query.isFetching}
          >
            {query.isFetching ? 'Counting…' : 'Continue now'}
          </Button>
        </>
      ) : (
        'Counts for months that are over are kept: viewing them again costs nothing.'
      )}
    </span>
  );
}
