'use client';

import { useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { RangeToolbar } from '@/components/range/range-toolbar';
import { Select } from '@/components/ui/select';
import { formatDateTime } from '@/lib/format';
import { eventsHref } from '@/lib/queries/drill-down';
import { intervalLabel } from '@/lib/queries/intervals';
import { OVERVIEW_REPORTS } from '@/lib/queries/overview-requests';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { RANGE_LABELS } from '@/lib/ranges';
import { OverviewCharts } from './overview-charts';
import { KpiCards } from './kpi-cards';
import { overviewParsers } from './search-params';
import { useOverviewData } from './use-overview-data';

const AUTO = 'auto';

/** The overview: KPIs with their change, three line charts and three bar charts. */
export function OverviewView() {
  const [params, setParams] = useQueryStates(overviewParsers);
  const time = useMemo(() => timeSpecOf(params), [params]);
  const view = useMemo(() => ({ time, interval: params.interval }), [time, params.interval]);
  const { histogram, terms, derived } = useOverviewData(view, params.refresh);
  const plan = derived?.plan ?? null;

  const rangeLabel = time.kind === 'preset' ? RANGE_LABELS[time.range] : 'Custom range';
  const periodLabel = plan
    ? `${formatDateTime(plan.current.from, true)} – ${formatDateTime(plan.current.to, true)}`
    : rangeLabel;
  const intervalOptions = [
    { value: AUTO, label: plan && !params.interval ? `Auto (${intervalLabel(plan.interval)})` : 'Auto' },
    ...(plan?.choices ?? []).map((choice) => ({ value: choice, label: intervalLabel(choice) })),
  ];

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <>
            {rangeLabel}
            {plan && (
              <>
                {' '}· {periodLabel} · {intervalLabel(plan.interval).toLowerCase()} buckets, UTC boundaries · compared with the{' '}
                same length just before
              </>
            )}
          </>
        }
      />
      <RangeToolbar clearOnChange={['interval']} window={plan?.current}>
        <Select
          label="Interval"
          value={params.interval && plan?.choices.includes(params.interval) ? params.interval : AUTO}
          options={intervalOptions}
          onChange={(value) => void setParams({ interval: value === AUTO ? null : value })}
          disabled={!plan}
        />
      </RangeToolbar>
      <KpiCards
        kpis={derived?.kpis ?? null}
        periodLabel="compared with the period of the same length just before"
        hrefFor={(kpi) => {
          const report = OVERVIEW_REPORTS.find((r) => r.name === kpi.series);
          return report ? eventsHref({ time, conditions: report.conditions, utc: params.utc }) : undefined;
        }}
      />
      <OverviewCharts
        histogram={histogram}
        terms={terms}
        rows={derived?.currentRows ?? null}
        plan={plan}
        time={time}
        utc={params.utc}
      />
    </>
  );
}
