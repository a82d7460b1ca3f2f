'use client';

import { Select, type SelectOption } from '@/components/ui/select';
import { REFRESH_OPTIONS, type RefreshOption } from '@/lib/view-params';
import { useRangeParams } from './use-range-params';

const LABELS: Record<RefreshOption, string> = {
  off: 'Off',
  '1m': 'Every minute',
  '5m': 'Every 5 minutes',
  '15m': 'Every 15 minutes',
};
const OPTIONS: SelectOption<RefreshOption>[] = REFRESH_OPTIONS.map((value) => ({ value, label: LABELS[value] }));

/** Auto-refresh, never faster than a minute: every call spends the shared upstream budget. */
export function RefreshSelect() {
  const { view, update } = useRangeParams();
  return (
    <Select label="Auto-refresh" value={view.refresh} options={OPTIONS} onChange={(refresh) => update({ refresh })} />
  );
}
