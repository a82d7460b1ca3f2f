'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => {};

/** False during server rendering and hydration, true after: for anything in the viewer's time zone. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
