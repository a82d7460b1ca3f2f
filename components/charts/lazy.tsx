'use client';

/**
 * Recharts is the heaviest thing on a page: load it after the page is interactive, showing
 * the chart's skeleton meanwhile. The charts never render on the server anyway (they measure
 * their container).
 */
import dynamic from 'next/dynamic';
import { ChartSkeleton } from '@/components/ui/skeleton';
import { DeferUntilVisible } from './defer-until-visible';
import type { TimeSeriesChartProps } from './time-series-chart';

const DEFAULT_TIME_SERIES_HEIGHT = 256;

// While a chart's code loads, its skeleton fills the box the chart will fill.
const loadTimeSeriesChart = () => import('./time-series-chart');
const TimeSeriesChart = dynamic(() => loadTimeSeriesChart().then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <ChartSkeleton height="100%" />,
});

/**
 * The chart's height is settled here, once: placeholder, loading skeleton and chart all take
 * it, so nothing below them moves.
 */
export function LazyTimeSeriesChart({
  height = DEFAULT_TIME_SERIES_HEIGHT,
  ...props
}: Omit<TimeSeriesChartProps, 'height' | 'initialWidth'> & { height?: number }) {
  return (
    <DeferUntilVisible height={height} label={`Loading ${props.label}`} load={loadTimeSeriesChart}>
      {(width) => (
        <div style={{ height }}>
          <TimeSeriesChart {...props} height={height} initialWidth={width} />
        </div>
      )}
    </DeferUntilVisible>
  );
}
