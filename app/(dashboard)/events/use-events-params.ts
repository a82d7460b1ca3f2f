'use client';

import { useQueryStates } from 'nuqs';
import { useCallback } from 'react';
import { eventsSearchParams, withPageReset, type EventsPatch } from './search-params';

/**
 * The events view's state, read from and written to the URL only. Every change is a history
 * entry (Back returns to the previous page or filters), and a change of question goes back to
 * page 1 in the same update.
 */
export function useEventsParams() {
  const [params, setParams] = useQueryStates(eventsSearchParams, { history: 'push' });
  const update = useCallback((patch: EventsPatch) => void setParams(withPageReset(patch)), [setParams]);
  return { params, update };
}
