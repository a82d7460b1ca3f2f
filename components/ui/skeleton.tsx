import { cn } from './cn';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-gray-200 dark:bg-gray-800', className)} />;
}

/** The shape of a chart while its data loads; announced once as "Loading". */
export function ChartSkeleton({ height = 256, label = 'Loading chart' }: { height?: number | string; label?: string }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-2" style={{ height }}>
      <Skeleton className="h-full w-full" />
    </div>
  );
}
