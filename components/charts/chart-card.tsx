import type { ReactNode } from 'react';
import { ToggleButton } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { FreshnessBadge } from '@/components/ui/freshness-badge';
import { ChartSkeleton } from '@/components/ui/skeleton';
import type { ResponseMeta } from '@/lib/queries/meta';

export type ChartCardState = {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  meta?: ResponseMeta;
  onRetry: () => void;
};

/**
 * A chart in a card with every state it can be in: loading, failed (server message + Retry),
 * empty, stale, and a Table toggle that swaps the chart for its table alternative.
 */
export function ChartCard({
  title,
  description,
  state,
  showTable,
  onShowTableChange,
  chart,
  table,
  emptyText = 'No events in this range.',
  height = 256,
  className,
}: {
  title: string;
  description?: ReactNode;
  state: ChartCardState;
  showTable: boolean;
  onShowTableChange: (show: boolean) => void;
  chart: () => ReactNode;
  table: () => ReactNode;
  emptyText?: string;
  height?: number;
  className?: string;
}) {
  const { isPending, error, isEmpty, meta, onRetry } = state;
  let body: ReactNode;
  if (isPending) body = <ChartSkeleton height={height} label={`Loading ${title}`} />;
  else if (error && isEmpty) body = <ErrorState error={error} onRetry={onRetry} />;
  else if (isEmpty) body = <EmptyState title={emptyText}>Try a longer range or fewer filters.</EmptyState>;
  else body = showTable ? table() : chart();

  return (
    <Card className={className} aria-label={title}>
      <CardHeader
        title={title}
        description={description}
        actions={
          <>
            <FreshnessBadge meta={meta} />
            <ToggleButton
              size="sm"
              pressed={showTable}
              onPressedChange={onShowTableChange}
              aria-label={`Show ${title} as a table`}
            >
              Table
            </ToggleButton>
          </>
        }
      />
      {error != null && !isEmpty && !isPending && (
        <div className="mb-2">
          <ErrorState compact error={error} onRetry={onRetry} />
        </div>
      )}
      {body}
    </Card>
  );
}
