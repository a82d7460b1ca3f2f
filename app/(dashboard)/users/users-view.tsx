'use client';

import { createSerializer, useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import { ChartCard } from '@/components/charts/chart-card';
import { PageHeader } from '@/components/layout/page-header';
import { RangeToolbar } from '@/components/range/range-toolbar';
import { Select } from '@/components/ui/select';
import { LazyMauChart, LazyUserChangeChart } from '@/components/users/lazy';
import { mauBar } from '@/components/users/mau-bars';
import { MauTable } from '@/components/users/mau-table';
import { UserChangeTable } from '@/components/users/user-change-table';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { RANGE_LABELS } from '@/lib/ranges';
import { MauProgress } from './mau-progress';
import { usersParsers } from './search-params';
import { BreakdownCards } from './breakdown-cards';
import { useUsersData } from './use-users-data';
import { accuracyExplanation, accuracyLabel, sourceLabel } from './users-months';

const serializeUsers = createSerializer(usersParsers);

const SHORT_MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const tickOf = (month: string) => SHORT_MONTH.format(Date.parse(`${month}-01T00:00:00Z`));

/** Monthly active users, users added and removed, and where the chosen month's activity came from. */
export function UsersView() {
  const [params, setParams] = useQueryStates(usersParsers);
  const time = useMemo(() => timeSpecOf(params), [params]);
  const { span, now, chosen, monthTime, mau, histogram, breakdowns, monthEvents, rows } = useUsersData(
    time,
    params.month,
    params.refresh,
  );
  const showTable = params.view === 'table';
  const setTable = (table: boolean) => void setParams({ view: table ? 'table' : 'chart' });
  const select = (month: string) => void setParams({ month });
  const hrefFor = (month: string) => serializeUsers({ ...params, month });

  const described = rows.map((row) => ({
    ...row,
    accuracy: row.mau ? accuracyLabel(row.mau) : 'Loading',
    source: row.mau ? sourceLabel(row.mau) : null,
    explanation: row.mau ? accuracyExplanation(row.mau, params.utc) : '',
  }));
  const bars = described.flatMap((row) =>
    row.mau ? [mauBar(row.mau, { label: row.label, tick: tickOf(row.month), explanation: row.explanation })] : [],
  );
  const changes = histogram.data
    ? rows.map((row) => ({
        month: row.month,
        label: row.label,
        inProgress: row.inProgress,
        tick: row.inProgress ? `${tickOf(row.month)}*` : tickOf(row.month),
        added: row.added ?? 0,
        removed: row.removed ?? 0,
        net: row.net ?? 0,
      }))
    : [];
  const rangeLabel = time.kind === 'preset' ? RANGE_LABELS[time.range] : 'Custom range';
  const activity = mau.data?.events === 'authentications' ? 'a token verified or a push answered' : 'any event';
  const chosenLabel = rows.find((r) => r.month === chosen)?.label ?? chosen;

  return (
    <>
      <PageHeader
        title="Users"
        description={`${rangeLabel} · ${span.months.length} month${span.months.length === 1 ? '' : 's'}, UTC · active means ${activity} in the month`}
      />
      <RangeToolbar
        clearOnChange={['month']}
        answers={{
          metas: [histogram.data?.meta, ...breakdowns.map((b) => (b.isPlaceholderData ? undefined : b.data?.meta))],
          extra: mau.data
            ? { calls: mau.data.budget.spent, local: mau.data.months.every((m) => m.source === 'archive') }
            : 'loading',
        }}
      >
        <Select
          label="Breakdown month"
          value={chosen}
          options={[...rows]
            .reverse()
            .map((r) => ({ value: r.month, label: r.inProgress ? `${r.label} (in progress)` : r.label }))}
          onChange={select}
        />
      </RangeToolbar>
      <ChartCard
        title="Monthly active users"
        description={<MauProgress mau={mau} now={now} utc={params.utc} />}
        height={260}
        state={{
          isPending: mau.isPending,
          error: mau.error,
          isEmpty: bars.length === 0,
          onRetry: mau.refetch,
        }}
        showTable={showTable}
        onShowTableChange={setTable}
        chart={() => (
          <>
            <LazyMauChart bars={bars} label="Monthly active users chart" selected={chosen} onSelect={select} />
            <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
              Solid bars are exact. Hatched bars marked ~ are estimates, with their 95% range. Outlined bars marked ≥
              are lower bounds (a month known only in part is one); … not counted yet; ? not known (before what the API
              and the archive keep). * month in progress. Hover a bar for details; choose a bar to break that month
              down.
            </p>
          </>
        )}
        table={() => <MauTable rows={described} selected={chosen} hrefFor={hrefFor} />}
      />
      <ChartCard
        title="Users added and removed"
        description="user_added and user_account_deleted per month, one request · net change as a line · * in progress"
        height={240}
        state={{
          isPending: histogram.isPending,
          error: histogram.error,
          isEmpty: changes.length === 0,
          meta: histogram.data?.meta,
          onRetry: () => void histogram.refetch(),
        }}
        showTable={showTable}
        onShowTableChange={setTable}
        chart={() => <LazyUserChangeChart rows={changes} label="Users added and removed chart" />}
        table={() => <UserChangeTable rows={changes} />}
      />
      <BreakdownCards
        queries={breakdowns}
        monthEvents={monthEvents}
        monthLabel={chosenLabel}
        row={rows.find((r) => r.month === chosen) ?? null}
        time={monthTime}
        utc={params.utc}
        showTable={showTable}
        onShowTableChange={setTable}
      />
    </>
  );
}
