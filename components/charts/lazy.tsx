'use client';

/**
 * Recharts is the heaviest thing on a page: load it after the page is interactive, showing
 * the chart's skeleton meanwhile. The charts never render on the server anyway (they measure
 * their container).
 */
import dynamic from 'next/dynamic';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { DeferUntilVisible } from './defer-until-visible';
import type { TermsBarChartProps } from './terms-bar-chart';
import type { TimeSeriesChartProps } from './time-series-chart';

const TimeSeriesChart = dynamic(() => import('./time-series-chart').then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

const TermsBarChart = dynamic(() => import('./terms-bar-chart').then((m) => m.TermsBarChart), {
  ssr: false,
  loading: () => <ChartSkeleton height={200} />,
});

export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  return (
    <DeferUntilVisible height={props.height ?? 256} label={`Loading ${props.label}`}>
      <TimeSeriesChart {...props} />
    </DeferUntilVisible>
  );
}

export function LazyTermsBarChart(props: TermsBarChartProps) {
  return (
    <DeferUntilVisible height={200} label={`Loading ${props.label}`}>
      <TermsBarChart {...props} />
    </DeferUntilVisible>
  );
}
