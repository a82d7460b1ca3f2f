'use client';

import type { ReactNode } from 'react';
import { CostLine } from '@/components/cost/cost-line';
import { GapNotice } from '@/components/cost/gap-notice';
import { QueueNotice } from '@/components/cost/queue-notice';
import type { ViewAnswers } from '@/components/cost/view-cost';
import type { TimeWindow } from '@/lib/ranges';
import { CopyAbsoluteLinkButton } from './copy-absolute-link';
import { RangePicker } from './range-picker';
import { RefreshSelect } from './refresh-select';
import { useRangeParams } from './use-range-params';
import { UtcToggle } from './utc-toggle';

/**
 * The controls every page shares: range, UTC, auto-refresh and the absolute link, then what the
 * view's `answers` cost and, while a request waits for budget, its place in the queue. Under
 * them, once for every page, the notice that the window starts before anything the dashboard
 * knows. Must sit inside <Suspense> (it reads the URL). `children` adds page-specific controls.
 */
export function RangeToolbar({
  clearOnChange,
  window,
  answers,
  children,
}: {
  clearOnChange?: readonly string[];
  window?: TimeWindow;
  answers: ViewAnswers;
  children?: ReactNode;
}) {
  const { view } = useRangeParams();
  return (
    <>
      <div role="group" aria-label="View controls" className="flex flex-wrap items-end gap-3">
        <RangePicker clearOnChange={clearOnChange} />
        <UtcToggle />
        <RefreshSelect />
        {children}
        <CopyAbsoluteLinkButton window={window} />
        <CostLine answers={answers} />
        <QueueNotice utc={view.utc} />
      </div>
      <GapNotice metas={answers.metas} utc={view.utc} />
    </>
  );
}
