'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { knownPart, mauKind } from '@/components/users/mau-bars';
import { formatCount, formatDateTime } from '@/lib/format';
import { budgetQueryOptions } from '@/lib/queries/budget';
import { CONTINUE_MS, MAU_STEP } from '@/lib/queries/mau';
import { mauOutlook } from './mau-outlook';
import type { MauCounting } from './use-mau-counting';
import { monthLabel } from './users-months';

const calls = (n: number) => `${formatCount(n)} upstream ${n === 1 ? 'call' : 'calls'}`;

/**
 * How far the count has got, and what the rest costs before anything is spent: the months this
 * hour's budget can finish, the calls, and when the rest will be done. Counting starts only
 * when its person says so, within the calls they accepted, and only while the tab is open.
 */
export function MauProgress({ mau, now, utc }: { mau: MauCounting; now: number; utc: boolean }) {
  const { data: budget } = useQuery(budgetQueryOptions());
  const [asking, setAsking] = useState(false);
  const data = mau.data;
  if (!data) return <>Distinct users with at least one event in each UTC month</>;
  const live = data.months.find((m) => m.inProgress);
  const exact = data.months.filter((m) => mauKind(m) === 'exact' && !m.inProgress).length;
  const over = data.months.length - (live ? 1 : 0);
  const unknown = data.months.filter((m) => knownPart(m) !== 'whole').length;
  const summary = (
    <>
      {exact} of {over} past month{over === 1 ? '' : 's'} exact
      {unknown > 0 ? ` (${unknown} known only in part or not at all: before what the API and the archive keep)` : ''}
      {live ? (live.exact ? '; the current month exact so far' : '; the current month is counted last') : ''}.{' '}
    </>
  );
  if (!data.months.some((m) => m.pending)) {
    return (
      <span aria-live="polite">
        {summary}Counts for months that are over are kept: viewing them again costs nothing.
      </span>
    );
  }
  if (mau.accepted && mau.accepted.left > 0) {
    const why =
      data.stoppedBy === 'rate_limited'
        ? 'The upstream budget is spent for now; counting resumes when it returns.'
        : `Counting: ${mau.accepted.total - mau.accepted.left} of the ${calls(mau.accepted.total)} you accepted spent; it continues about every ${Math.round(CONTINUE_MS / 1000)} s while this tab is open.`;
    return (
      <span aria-live="polite">
        {summary}
        {why}{' '}
        <Button size="sm" variant="ghost" className="h-6 px-1.5 underline" onClick={mau.stop}>
          Stop counting
        </Button>
      </span>
    );
  }
  if (!budget) return <span aria-live="polite">{summary}</span>;
  const outlook = mauOutlook(data.months, budget, now);
  const months = outlook.finishable.map(monthLabel).join(', ');
  const rest =
    outlook.doneAt !== null
      ? ` The rest, about ${calls(outlook.restCalls)}, at the share of each hour counting may use: done by about ${formatDateTime(outlook.doneAt, utc)}.`
      : '';
  return (
    <span aria-live="polite">
      {summary}
      {outlook.callsNow === 0 ? (
        <>This hour&apos;s budget for counting is spent.{rest}</>
      ) : (
        <>
          {months
            ? `This hour's budget can finish ${months} now: about ${calls(outlook.callsNow)}.`
            : `This hour's budget allows about ${calls(outlook.callsNow)} of counting now.`}
          {rest}{' '}
          <Button size="sm" variant="ghost" className="h-6 px-1.5 underline" onClick={() => setAsking(true)}>
            Count now…
          </Button>
          <ConfirmDialog
            open={asking}
            title={`Count monthly active users? It costs ${calls(outlook.callsNow)}`}
            confirmLabel={`Spend ${calls(outlook.callsNow)}`}
            onConfirm={() => {
              setAsking(false);
              mau.accept(outlook.callsNow);
            }}
            onCancel={() => setAsking(false)}
          >
            <p>
              {months ? `Counting ${months} exactly` : 'Counting further'} asks the Authy API about{' '}
              {calls(outlook.callsNow)}, {MAU_STEP} at a time about {Math.round(CONTINUE_MS / 1000)} s apart, while this
              tab is open.
            </p>
            <p>
              Budget left for the whole team: {budget.minute.remaining} of {budget.minute.limit} calls this minute,{' '}
              {budget.hour.remaining} of {budget.hour.limit} this hour. Counting leaves 30% of every hour to people.
            </p>
          </ConfirmDialog>
        </>
      )}
    </span>
  );
}
