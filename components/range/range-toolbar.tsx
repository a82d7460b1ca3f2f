'use client';

import type { ReactNode } from 'react';
import { QueueNotice } from '@/components/cost/queue-notice';
import type { TimeWindow } from '@/lib/ranges';
import { CopyAbsoluteLinkButton } from './copy-absolute-link';
import { RangePicker } from './range-picker';
import { RefreshSelect } from './refresh-select';
import { useRangeParams } from './use-range-params';
import { UtcToggle } from './utc-toggle';

/**
 * The controls every page shares: range, UTC, auto-refresh and the absolute link, then what the
 * view cost (`cost`, a CostLine) and, while a request waits for budget, its place in the queue.
 * Must sit inside <Suspense> (it reads the URL). `children` adds page-specific controls.
 */
export function RangeToolbar({
  clearOnChange,
  window,
  cost,
  children,
}: {
  clearOnChange?: readonly string[];
  window?: TimeWindow;
  cost?: ReactNode;
  children?: ReactNode;
}) {
  const { view } = useRangeParams();
  return (
    <div role="group" aria-label="View controls" className="flex flex-wrap items-end gap-3">
      <RangePicker clearOnChange={clearOnChange} />
      <UtcToggle />
      <RefreshSelect />
      {children}
      <CopyAbsoluteLinkButton window={window} />
      {cost}
      <QueueNotice utc={view.utc} />
    </div>
  );
}
