'use client';

/**
 * Recharts is the heaviest thing on a page: load it after the page is interactive, showing
 * the chart's skeleton meanwhile. The charts never render on the server anyway (they measure
 * their container).
 */
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { DeferUntilVisible } from './defer-until-visible';
import { termsChartHeight } from './terms-chart-height';
import type { TermsBarChartProps } from './terms-bar-chart';
import type { TimeSeriesChartProps } from './time-series-chart';

const DEFAULT_TIME_SERIES_HEIGHT = 256;

// While a chart's code loads, its skeleton fills the box the chart will fill (see Sized).
const TimeSeriesChart = dynamic(() => import('./time-series-chart').then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <ChartSkeleton height="100%" />,
});

const TermsBarChart = dynamic(() => import('./terms-bar-chart').then((m) => m.TermsBarChart), {
  ssr: false,
  loading: () => <ChartSkeleton height="100%" />,
});

/** Placeholder, loading skeleton and chart all take the same height: nothing below them moves. */
function Sized({ height, label, children }: { height: number; label: string; children: ReactNode }) {
  return (
    <DeferUntilVisible height={height} label={`Loading ${label}`}>
      <div style={{ height }}>{children}</div>
    </DeferUntilVisible>
  );
}

/** The chart's height is settled here, once, for the placeholder and the chart alike. */
export function LazyTimeSeriesChart({ height = DEFAULT_TIME_SERIES_HEIGHT, ...props }: Omit<TimeSeriesChartProps, 'height'> & { height?: number }) {
  return (
    <Sized height={height} label={props.label}>
      <TimeSeriesChart {...props} height={height} />
    </Sized>
  );
}

export function LazyTermsBarChart(props: TermsBarChartProps) {
  return (
    <Sized height={termsChartHeight(props.terms.length)} label={props.label}>
      <TermsBarChart {...props} />
    </Sized>
  );
}
