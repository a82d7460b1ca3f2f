import { Skeleton } from '@/components/ui/skeleton';

/** The table's shape while the first page loads; announced once as "Loading events". */
export function EventsTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading events" className="flex flex-col gap-2 py-1">
      <Skeleton className="h-6 w-full" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-8 w-full" />
      ))}
    </div>
  );
}
