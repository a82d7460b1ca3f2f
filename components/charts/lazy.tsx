'use client';

/**
 * Recharts is the heaviest thing on a page: load it after the page is interactive, showing
 * the chart's skeleton meanwhile. The charts never render on the server anyway (they measure
 * their container).
 */
import dynamic from 'next/dynamic';
import { ChartSkeleton } from '@/components/ui/skeleton';

export const LazyTimeSeriesChart = dynamic(() => import('./time-series-chart').then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

export const LazyTermsBarChart = dynamic(() => import('./terms-bar-chart').then((m) => m.TermsBarChart), {
  ssr: false,
  loading: () => <ChartSkeleton height={200} />,
});
