'use client';

import { useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { RangeToolbar } from '@/components/range/range-toolbar';
import { Select } from '@/components/ui/select';
import { isInterval } from '@/lib/authy/interval';
import { formatDateTime } from '@/lib/format';
import { eventsHref } from '@/lib/queries/drill-down';
import { intervalLabel } from '@/lib/queries/intervals';
import { OVERVIEW_REPORTS, overviewPlan } from '@/lib/queries/overview-requests';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { RANGE_LABELS } from '@/lib/ranges';
import { OverviewCharts } from './overview-charts';
import { KpiCards } from './kpi-cards';
import { overviewParsers } from './search-params';
import { useOverviewData } from './use-overview-data';

const AUTO = 'auto';

/**
 * The overview: KPIs with their change, three line charts and three bar charts.
 * `renderedAt` is the server's clock when it rendered the page: until the data (and the plan
 * it was fetched for) arrives, the period and interval shown are planned from it, the same on
 * the server and in the browser, so the header does not grow under the reader when data lands.
 */
export function OverviewView({ renderedAt }: { renderedAt: number }) {
  const [params, setParams] = useQueryStates(overviewParsers);
  const time = useMemo(() => timeSpecOf(params), [params]);
  const view = useMemo(() => ({ time, interval: params.interval }), [time, params.interval]);
  const { histogram, terms, derived } = useOverviewData(view, params.refresh);
  const plan = derived?.plan ?? null;
  const shownPlan = useMemo(() => plan ?? overviewPlan(view, renderedAt), [plan, view, renderedAt]);

  const rangeLabel = time.kind === 'preset' ? RANGE_LABELS[time.range] : 'Custom range';
  const periodLabel = `${formatDateTime(shownPlan.current.from, true)} – ${formatDateTime(shownPlan.current.to, true)}`;
  const intervalOptions = [
    { value: AUTO, label: params.interval ? 'Auto' : `Auto (${intervalLabel(shownPlan.interval)})` },
    ...shownPlan.choices.map((choice) => ({ value: choice, label: intervalLabel(choice) })),
  ];

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <>
            {rangeLabel} · {periodLabel} · {intervalLabel(shownPlan.interval).toLowerCase()} buckets, UTC boundaries ·
            compared with the same span just before
          </>
        }
      />
      <RangeToolbar
        clearOnChange={['interval']}
        window={plan?.current}
        answers={{ metas: [histogram.data?.meta, ...terms.map((t) => t.data?.meta)] }}
      >
        <Select
          label="Interval"
          value={params.interval && shownPlan.choices.includes(params.interval) ? params.interval : AUTO}
          options={intervalOptions}
          onChange={(value) => void setParams({ interval: isInterval(value) ? value : null })}
        />
      </RangeToolbar>
      <KpiCards
        kpis={derived?.kpis ?? null}
        periodLabel="compared with the same span of time just before"
        hrefFor={(kpi) => {
          const report = OVERVIEW_REPORTS.find((r) => r.name === kpi.series);
          return report ? eventsHref({ time, conditions: report.conditions, utc: params.utc }) : undefined;
        }}
      />
      <OverviewCharts
        histogram={histogram}
        terms={terms}
        rows={derived?.currentRows ?? null}
        allEvents={derived ? derived.allEvents : histogram.isError ? 'unavailable' : 'loading'}
        plan={plan}
        lastBucketOpen={derived?.lastBucketOpen ?? false}
        time={time}
        utc={params.utc}
        tables={params.tables}
        onTablesChange={(tables) => void setParams({ tables })}
      />
    </>
  );
}
