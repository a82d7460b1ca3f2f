'use client';

import { useSyncExternalStore } from 'react';

const MINUTE = 60_000;

function subscribe(onChange: () => void): () => void {
  const id = window.setInterval(onChange, MINUTE);
  return () => window.clearInterval(id);
}
const minuteNow = () => Math.floor(Date.now() / MINUTE) * MINUTE;

/** "Now" to the minute, re-read each minute: enough to estimate what a relative view costs. */
export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, minuteNow, minuteNow);
}
