'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { ChartCard } from '@/components/charts/chart-card';
import { SEMANTIC_COLORS, seriesDash } from '@/components/charts/chart-theme';
import { LazyTimeSeriesChart } from '@/components/charts/lazy';
import { LEGEND_ROOM, SeriesLegend } from '@/components/charts/series-legend';
import { TermsBars, termsBarsHeight, type TermsTotal } from '@/components/charts/terms-bars';
import { SeriesTable } from '@/components/charts/series-table';
import { TermsTable } from '@/components/charts/terms-table';
import type { ChartSeries } from '@/components/charts/time-series-chart';
import { formatDateTime } from '@/lib/format';
import { bucketSpec, eventsHref } from '@/lib/queries/drill-down';
import type { SeriesRow } from '@/lib/queries/histogram-series';
import type { OverviewHistogram, OverviewTerms } from '@/lib/queries/overview';
import { OVERVIEW_REPORTS, OVERVIEW_TERMS, type OverviewPlan } from '@/lib/queries/overview-requests';
import type { TimeSpec } from '@/lib/queries/time-spec';
import type { Term } from '@/lib/authy/responses';
import { OVERVIEW_CARDS, type OverviewCard } from './search-params';

const LINE_CHARTS: { id: OverviewCard; title: string; series: ChartSeries[] }[] = [
  {
    id: 'verifications',
    title: 'Verifications',
    series: [
      { key: 'verified', label: 'Verified', color: SEMANTIC_COLORS.good, dash: seriesDash(0) },
      { key: 'invalid', label: 'Invalid', color: SEMANTIC_COLORS.bad, dash: seriesDash(1) },
    ],
  },
  {
    id: 'push',
    title: 'Push requests',
    series: [
      { key: 'approved', label: 'Approved', color: SEMANTIC_COLORS.good, dash: seriesDash(0) },
      { key: 'denied', label: 'Denied', color: SEMANTIC_COLORS.bad, dash: seriesDash(1) },
    ],
  },
  {
    id: 'users_added',
    title: 'Users added',
    series: [{ key: 'users_added', label: 'Users added', color: SEMANTIC_COLORS.neutral, dash: seriesDash(0) }],
  },
];

/** A line chart card's body: the legend row and the chart under it. */
const CHART_HEIGHT = 256;

// Bars are counts, not good or bad news: no red or green.
const BAR_COLORS = ['#2563eb', '#0d9488', '#9333ea'] as const;

const NO_TERMS: Term[] = [];

/** Calling codes read better with their plus sign. */
const KEY_LABELS: Partial<Record<string, (key: string) => string>> = { countries: (key) => `+${key}` };

const conditionsOf = (series: string) => OVERVIEW_REPORTS.find((r) => r.name === series)?.conditions ?? [];

function stateOf(query: UseQueryResult<{ meta: OverviewHistogram['meta'] }>, isEmpty: boolean) {
  return {
    isPending: query.isPending,
    error: query.error,
    isEmpty,
    meta: query.data?.meta,
    onRetry: () => void query.refetch(),
  };
}

type Props = {
  histogram: UseQueryResult<OverviewHistogram>;
  terms: UseQueryResult<OverviewTerms>[];
  rows: SeriesRow[] | null;
  /** Every event of the current period: what the breakdowns' shares are of. */
  allEvents: TermsTotal;
  plan: OverviewPlan | null;
  /** The last bucket ends after the window: it holds the events up to now only. */
  lastBucketOpen: boolean;
  time: TimeSpec;
  utc: boolean;
  /** The cards shown as a table (the URL's `tables`). */
  tables: readonly OverviewCard[];
  onTablesChange: (tables: OverviewCard[]) => void;
};

/** The overview's line and bar charts, each with its table and a way into the events behind it. */
export function OverviewCharts({
  histogram,
  terms,
  rows,
  allEvents,
  plan,
  lastBucketOpen,
  time,
  utc,
  tables,
  onTablesChange,
}: Props) {
  const router = useRouter();
  // The window ends now, so its last bucket is partial: say so rather than let it look like a drop.
  const partialNote =
    lastBucketOpen && plan
      ? `The last bucket runs to ${formatDateTime(plan.current.to, utc)}: still filling`
      : undefined;
  // Which cards show their table is part of the view, so a reload or a shared link keeps it.
  const shown = new Set(tables);
  const toggle = (id: OverviewCard) => (show: boolean) =>
    onTablesChange(OVERVIEW_CARDS.filter((card) => (card === id ? show : shown.has(card))));
  // Stable handlers: the (memoized) charts then redraw only when their data changes, not each
  // time one of the four queries settles.
  const pointHref = useCallback(
    (t: number, series: string) =>
      plan
        ? eventsHref({ time: bucketSpec(t, plan.parsedInterval, plan.current), conditions: conditionsOf(series), utc })
        : '/events',
    [plan, utc],
  );
  const onPointClick = useCallback(
    (t: number, series: string) => router.push(pointHref(t, series)),
    [router, pointHref],
  );
  const termsHrefs = useMemo(
    () =>
      OVERVIEW_TERMS.map(
        (t) => (key: string) =>
          eventsHref({ time, conditions: [{ attribute: t.field, operator: 'eq', value: key }], utc }),
      ),
    [time, utc],
  );

  return (
    <>
      <div className="grid gap-4 lg:grid-cols-3">
        {LINE_CHARTS.map((chart) => {
          const empty = !rows || rows.every((row) => chart.series.every((s) => row[s.key] === 0));
          return (
            <ChartCard
              key={chart.id}
              title={chart.title}
              height={CHART_HEIGHT}
              description={partialNote}
              state={stateOf(histogram, empty)}
              showTable={shown.has(chart.id)}
              onShowTableChange={toggle(chart.id)}
              chart={() =>
                rows &&
                plan && (
                  // The legend takes its room out of the card's chart height, so nothing below moves.
                  <div className="flex flex-col gap-2">
                    <SeriesLegend series={chart.series} label={`${chart.title}: series`} />
                    <LazyTimeSeriesChart
                      label={`${chart.title} over time`}
                      height={CHART_HEIGHT - LEGEND_ROOM}
                      rows={rows}
                      series={chart.series}
                      interval={plan.parsedInterval}
                      utc={utc}
                      onPointClick={onPointClick}
                    />
                  </div>
                )
              }
              table={() =>
                rows &&
                plan && (
                  <SeriesTable
                    caption={`${chart.title} per bucket`}
                    rows={rows}
                    series={chart.series}
                    interval={plan.parsedInterval}
                    utc={utc}
                    hrefFor={pointHref}
                  />
                )
              }
            />
          );
        })}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {OVERVIEW_TERMS.map((t, i) => {
          const query = terms[i];
          const list = query.data?.terms ?? NO_TERMS;
          const keyLabel = KEY_LABELS[t.id];
          const hrefFor = termsHrefs[i];
          return (
            <ChartCard
              key={t.id}
              title={t.title}
              description={`Top ${t.size}`}
              height={termsBarsHeight(t.size)}
              state={stateOf(query, list.length === 0)}
              showTable={shown.has(t.id)}
              onShowTableChange={toggle(t.id)}
              chart={() => (
                <TermsBars
                  label={`${t.title} chart`}
                  terms={list}
                  total={allEvents}
                  color={BAR_COLORS[i]}
                  keyLabel={keyLabel}
                  hrefFor={hrefFor}
                />
              )}
              table={() => (
                <TermsTable
                  caption={`${t.title}: count and share of all events`}
                  terms={list}
                  total={allEvents}
                  keyLabel={keyLabel}
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
