'use client';

import { formatDateTime } from '@/lib/format';
import { useQueuePosition } from './use-queue-position';

/**
 * Where this person's request stands when the upstream budget makes it wait: its place in the
 * queue and when it should run, while the page keeps the previous answer on screen. Floats over
 * the page, so it moves nothing when it comes and goes.
 */
export function QueueNotice({ utc }: { utc: boolean }) {
  const place = useQueuePosition();
  if (!place) return null;
  return (
    <p
      role="status"
      className="fixed bottom-4 left-1/2 z-40 -translate-x-1/2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      Waiting for the API budget: number {place.position} in the queue, runs at about{' '}
      {formatDateTime(Date.parse(place.estimatedStartAt), utc)}. The last answer stays on screen meanwhile.
    </p>
  );
}
