'use client';

import { parseAsString, useQueryStates } from 'nuqs';
import { useCallback, useMemo } from 'react';
import type { RangePreset } from '@/lib/ranges';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { rangeParsers, type RefreshOption } from '@/lib/view-params';

export type RangeUpdate = {
  /** null drops the preset from the URL (a custom window replaces it). */
  range?: RangePreset | null;
  from?: Date | null;
  to?: Date | null;
  utc?: boolean;
  refresh?: RefreshOption;
};

/**
 * The shared range/utc/refresh URL state. `clearOnChange` names other parameters (e.g. `page`)
 * that a new range makes meaningless: they are removed in the same URL update.
 */
export function useRangeParams(clearOnChange: readonly string[] = []) {
  const [view, setView] = useQueryStates(rangeParsers);
  const clearKey = clearOnChange.join(',');
  const clearParsers = useMemo(
    () =>
      Object.fromEntries(
        clearKey
          .split(',')
          .filter(Boolean)
          .map((key) => [key, parseAsString]),
      ),
    [clearKey],
  );
  const [, setCleared] = useQueryStates(clearParsers);
  const spec = useMemo(() => timeSpecOf(view), [view]);

  const update = useCallback(
    (next: RangeUpdate) => {
      const changesWindow = 'range' in next || 'from' in next || 'to' in next;
      if (changesWindow && clearKey) {
        void setCleared(Object.fromEntries(clearKey.split(',').map((key) => [key, null])));
      }
      // A new window is a new view worth a history entry; toggles just replace.
      void setView(next, { history: changesWindow ? 'push' : 'replace' });
    },
    [clearKey, setCleared, setView],
  );

  return { view, spec, update };
}
