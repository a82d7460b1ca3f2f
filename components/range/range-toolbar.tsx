'use client';

import type { ReactNode } from 'react';
import type { TimeWindow } from '@/lib/ranges';
import { CopyAbsoluteLinkButton } from './copy-absolute-link';
import { RangePicker } from './range-picker';
import { RefreshSelect } from './refresh-select';
import { UtcToggle } from './utc-toggle';

/**
 * The controls every page shares: range, UTC, auto-refresh and the absolute link. Must sit
 * inside <Suspense> (it reads the URL). `children` adds page-specific controls to the row.
 */
export function RangeToolbar({
  clearOnChange,
  window,
  children,
}: {
  clearOnChange?: readonly string[];
  window?: TimeWindow;
  children?: ReactNode;
}) {
  return (
    <div role="group" aria-label="View controls" className="flex flex-wrap items-end gap-3">
      <RangePicker clearOnChange={clearOnChange} />
      <UtcToggle />
      <RefreshSelect />
      {children}
      <CopyAbsoluteLinkButton window={window} />
    </div>
  );
}
