import { Skeleton } from '@/components/ui/skeleton';

/**
 * The table's shape while a page loads; announced once as "Loading events". It is as tall as
 * the table that replaces it (caption, header, `rows` rows of EventsTable's 45 px), so the
 * pager below stays where it is when the events arrive.
 */
export function EventsTableSkeleton({ rows }: { rows: number }) {
  return (
    <div role="status" aria-label="Loading events" className="flex flex-col">
      <Skeleton className="mb-2 h-4 w-64 max-w-full" />
      <Skeleton className="mb-1 h-6 w-full" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-[45px] py-1.5">
          <Skeleton className="h-full w-full" />
        </div>
      ))}
    </div>
  );
}
