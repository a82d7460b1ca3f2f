'use client';

/**
 * The users page's charts, loaded after the page is interactive (recharts is heavy), with a
 * skeleton meanwhile. They never render on the server anyway: they measure their container.
 */
import dynamic from 'next/dynamic';
import { ChartSkeleton } from '@/components/ui/skeleton';
import type { MauChartProps } from './mau-chart';
import type { UserChangeChartProps } from './user-change-chart';

const MauChart = dynamic(() => import('./mau-chart').then((m) => m.MauChart), {
  ssr: false,
  loading: () => <ChartSkeleton height={260} label="Loading the active users chart" />,
});

const UserChangeChart = dynamic(() => import('./user-change-chart').then((m) => m.UserChangeChart), {
  ssr: false,
  loading: () => <ChartSkeleton height={240} label="Loading the users added and removed chart" />,
});

export function LazyMauChart(props: MauChartProps) {
  return <MauChart {...props} />;
}

export function LazyUserChangeChart(props: UserChangeChartProps) {
  return <UserChangeChart {...props} />;
}
