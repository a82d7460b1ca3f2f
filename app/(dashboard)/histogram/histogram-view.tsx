'use client';

import { useQueryStates } from 'nuqs';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { ChartCard } from '@/components/charts/chart-card';
import { CostConfirm } from '@/components/cost/cost-confirm';
import { seriesColor, seriesDash } from '@/components/charts/chart-theme';
import { LazyTimeSeriesChart } from '@/components/charts/lazy';
import { LEGEND_ROOM, SeriesLegend } from '@/components/charts/series-legend';
import { SeriesTable } from '@/components/charts/series-table';
import type { ChartSeries } from '@/components/charts/time-series-chart';
import { FilterBuilder } from '@/components/filters/filter-builder';
import { PageHeader } from '@/components/layout/page-header';
import { RangeToolbar } from '@/components/range/range-toolbar';
import { ImportButton } from '../_import/import-button';
import { Card, CardHeader } from '@/components/ui/card';
import { parseInterval, type Interval, type IntervalParam } from '@/lib/authy/interval';
import { formatCount } from '@/lib/format';
import { bucketSpec, eventsHref } from '@/lib/queries/drill-down';
import { bucketCount, intervalLabel, MAX_VIEW_BUCKETS } from '@/lib/queries/intervals';
import { resolveTimeSpec, timeSpecOf } from '@/lib/queries/time-spec';
import { RANGE_LABELS } from '@/lib/ranges';
import { IntervalPicker } from './interval-picker';
import { histogramParsers } from './search-params';
import { SeriesEditor } from './series-editor';
import { useHistogramData } from './use-histogram-data';

const CHART_HEIGHT = 320;

export function HistogramView() {
  const router = useRouter();
  const [params, setParams] = useQueryStates(histogramParsers);
  const time = useMemo(() => timeSpecOf(params), [params]);
  const { query, interval, derived, cost } = useHistogramData(params);
  const hidden = useMemo(() => new Set(params.hide), [params.hide]);
  const chartSeries: ChartSeries[] = useMemo(
    () =>
      (derived?.names ?? []).map((name) => {
        const index = params.s.findIndex((s) => s.name === name);
        return { key: name, label: name, color: seriesColor(index), dash: seriesDash(index) };
      }),
    [derived, params.s],
  );
  const visible = chartSeries.filter((s) => !hidden.has(s.key));

  function checkInterval(candidate: IntervalParam): string | null {
    const count = bucketCount(
      resolveTimeSpec(time, Date.now()),
      parseInterval(candidate) as Interval,
      MAX_VIEW_BUCKETS + 1,
    );
    return count > MAX_VIEW_BUCKETS
      ? `That cuts this range into more than ${formatCount(MAX_VIEW_BUCKETS)} buckets; choose a longer interval.`
      : null;
  }

  // Stable handlers, so the memoized chart redraws only when its data changes.
  const pointHref = useCallback(
    (t: number, name: string) => {
      const series = params.s.find((s) => s.name === name);
      const bucketInterval = derived?.interval ?? (parseInterval(interval) as Interval);
      return eventsHref({
        time: bucketSpec(t, bucketInterval, derived?.window),
        conditions: [...params.f, ...(series?.conditions ?? [])],
        utc: params.utc,
      });
    },
    [params.s, params.f, params.utc, derived, interval],
  );
  const onPointClick = useCallback((t: number, name: string) => router.push(pointHref(t, name)), [router, pointHref]);
  const rows = derived?.rows ?? [];
  const isEmpty = rows.length === 0 || rows.every((row) => chartSeries.every((s) => row[s.key] === 0));
  const rangeLabel = time.kind === 'preset' ? RANGE_LABELS[time.range] : 'Custom range';

  return (
    <>
      <PageHeader
        title="Histogram"
        description={`${rangeLabel} · ${intervalLabel(interval).toLowerCase()} buckets, UTC boundaries`}
        actions={<ImportButton page="/histogram" />}
      />
      <RangeToolbar
        window={derived?.window}
        answers={{ metas: [query.isPlaceholderData ? undefined : query.data?.meta] }}
      >
        <IntervalPicker
          key={params.interval ?? 'auto'}
          value={params.interval}
          autoLabel={interval}
          check={checkInterval}
          onChange={(next) => void setParams({ interval: next })}
        />
      </RangeToolbar>
      <CostConfirm gate={cost} what="histogram" />
      <ChartCard
        title="Events over time"
        height={CHART_HEIGHT + LEGEND_ROOM}
        emptyText={cost.gate.enabled ? undefined : 'Not loaded: it waits for your go-ahead.'}
        state={{
          isPending: query.isPending && cost.gate.enabled,
          // A refusal over the cap is a question for the person (CostConfirm), not an error.
          error: cost.gate.enabled ? query.error : null,
          isEmpty,
          meta: query.data?.meta,
          onRetry: () => void query.refetch(),
        }}
        showTable={params.view === 'table'}
        onShowTableChange={(table) => void setParams({ view: table ? 'table' : 'chart' })}
        chart={() =>
          derived && (
            <div className="flex flex-col gap-2">
              <SeriesLegend
                series={chartSeries}
                hidden={hidden}
                onToggle={(key, show) =>
                  void setParams({ hide: show ? params.hide.filter((n) => n !== key) : [...params.hide, key] })
                }
              />
              <LazyTimeSeriesChart
                label="Events over time"
                height={CHART_HEIGHT}
                rows={rows}
                series={chartSeries}
                hidden={hidden}
                interval={derived.interval}
                utc={params.utc}
                onPointClick={onPointClick}
              />
            </div>
          )
        }
        table={() =>
          derived && (
            <SeriesTable
              caption="Events per bucket and series"
              rows={rows}
              series={visible.length > 0 ? visible : chartSeries}
              interval={derived.interval}
              utc={params.utc}
              hrefFor={pointHref}
            />
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-label="Series">
          <CardHeader title="Series" description="Each series counts the events matching all its conditions." />
          <SeriesEditor
            series={params.s}
            onChange={(s) => void setParams({ s, hide: params.hide.filter((n) => s.some((x) => x.name === n)) })}
          />
        </Card>
        <div>
          <FilterBuilder
            label="Scope filters"
            description="Applied to every series."
            value={params.f}
            onChange={(f) => void setParams({ f })}
          />
        </div>
      </div>
    </>
  );
}
