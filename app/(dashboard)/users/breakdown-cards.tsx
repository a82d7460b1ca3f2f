'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { ChartCard } from '@/components/charts/chart-card';
import { TermsBars, termsBarsHeight, type TermsTotal } from '@/components/charts/terms-bars';
import { TermsTable } from '@/components/charts/terms-table';
import { formatCount } from '@/lib/format';
import { eventsHref } from '@/lib/queries/drill-down';
import type { TermsResult } from '@/lib/queries/reporting';
import type { TimeSpec } from '@/lib/queries/time-spec';
import { BREAKDOWNS } from '@/lib/queries/page-requests';
import type { UserMonthRow } from './users-months';

const COLORS = ['#2563eb', '#0d9488'] as const;
const KEY_LABELS: Partial<Record<string, (key: string) => string>> = { countries: (key) => `+${key}` };

/** The chosen month at a glance: its active users, and who joined and left. */
function MonthSummary({ row, monthLabel }: { row: UserMonthRow | null; monthLabel: string }) {
  const m = row?.mau;
  const users = !m
    ? '…'
    : m.upstreamCalls === 0
      ? 'not counted yet:'
      : `${m.exact ? '' : m.basis === 'estimate' ? 'about ' : 'at least '}${formatCount(m.activeUsers)}`;
  return (
    <p className="text-sm text-gray-700 dark:text-gray-300">
      <strong>{monthLabel}</strong>
      {row?.inProgress ? ' (in progress)' : ''}: {users} active users ·{' '}
      {row?.added === null || !row ? '—' : formatCount(row.added)} added ·{' '}
      {row?.removed === null || !row ? '—' : formatCount(row.removed)} removed
    </p>
  );
}

/** Where the chosen month's activity came from: events by the users' country and by device type. */
export function BreakdownCards({
  queries,
  monthEvents,
  monthLabel,
  row,
  time,
  utc,
  showTable,
  onShowTableChange,
}: {
  queries: readonly UseQueryResult<TermsResult>[];
  /** Every event of the month: what the shares are of. */
  monthEvents: TermsTotal;
  monthLabel: string;
  row: UserMonthRow | null;
  time: TimeSpec;
  utc: boolean;
  showTable: boolean;
  onShowTableChange: (table: boolean) => void;
}) {
  return (
    <>
      <MonthSummary row={row} monthLabel={monthLabel} />
      <div className="grid gap-4 lg:grid-cols-2">
        {BREAKDOWNS.map((b, i) => {
          const query = queries[i];
          const terms = query.data?.terms ?? [];
          const cut = terms.length >= b.size;
          const hrefFor = (key: string) =>
            eventsHref({ time, conditions: [{ attribute: b.field, operator: 'eq', value: key }], utc });
          const title = `${b.title}, ${monthLabel}`;
          return (
            <ChartCard
              key={b.id}
              title={title}
              description={
                <>
                  Events in the month by {b.field} (events, not distinct users).
                  {cut && ` The answer has ${b.size} values, the most the API returns: smaller ones may be cut off.`}
                </>
              }
              height={termsBarsHeight(b.size)}
              state={{
                isPending: query.isPending,
                error: query.error,
                isEmpty: terms.length === 0,
                meta: query.data?.meta,
                onRetry: () => void query.refetch(),
              }}
              emptyText="No events with this attribute in the month."
              showTable={showTable}
              onShowTableChange={onShowTableChange}
              chart={() => (
                <TermsBars
                  label={`${title} chart`}
                  terms={terms}
                  total={monthEvents}
                  color={COLORS[i]}
                  keyLabel={KEY_LABELS[b.id]}
                  hrefFor={hrefFor}
                />
              )}
              table={() => (
                <TermsTable
                  caption={`${title}: events and share of all the month's events`}
                  terms={terms}
                  total={monthEvents}
                  keyLabel={KEY_LABELS[b.id]}
                  hrefFor={hrefFor}
                />
              )}
            />
          );
        })}
      </div>
    </>
  );
}
