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
import type { TimeSeriesChartProps } from './time-series-chart';

const DEFAULT_TIME_SERIES_HEIGHT = 256;

// While a chart's code loads, its skeleton fills the box the chart will fill (see Sized).
const loadTimeSeriesChart = () => import('./time-series-chart');
const TimeSeriesChart = dynamic(() => loadTimeSeriesChart().then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <ChartSkeleton height="100%" />,
});

/** Placeholder, loading skeleton and chart all take the same height: nothing below them moves. */
function Sized({ height, label, load, children }: { height: number; label: string; load: () => Promise<unknown>; children: (width: number) => ReactNode }) {
  return (
    <DeferUntilVisible height={height} label={`Loading ${label}`} load={load}>
      {(width) => <div style={{ height }}>{children(width)}</div>}
    </DeferUntilVisible>
  );
}

/** The chart's height is settled here, once, for the placeholder and the chart alike. */
export function LazyTimeSeriesChart({ height = DEFAULT_TIME_SERIES_HEIGHT, ...props }: Omit<TimeSeriesChartProps, 'height' | 'initialWidth'> & { height?: number }) {
  return (
    <Sized height={height} label={props.label} load={loadTimeSeriesChart}>
      {(width) => <TimeSeriesChart {...props} height={height} initialWidth={width} />}
    </Sized>
  );
}
