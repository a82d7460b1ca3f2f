'use client';

import { ToggleButton } from '@/components/ui/button';
import { useRangeParams } from './use-range-params';

/** Times in UTC or the viewer's zone. Buckets are always UTC; the note says so. */
export function UtcToggle() {
  const { view, update } = useRangeParams();
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-gray-700 dark:text-gray-300" aria-hidden="true">
        Time zone
      </span>
      <ToggleButton
        pressed={view.utc}
        onPressedChange={(utc) => update({ utc })}
        title="Buckets are always UTC days and hours"
      >
        Show UTC
      </ToggleButton>
    </div>
  );
}
