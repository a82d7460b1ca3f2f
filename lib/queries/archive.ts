/** What the archive holds and how its sync stands (`GET /api/archive`), polled for the header's coverage indicator. */
import type { ArchiveStatus } from '@/lib/archive/sync/types';
import { polledQueryOptions } from './polled';

export type { ArchiveStatus } from '@/lib/archive/sync/types';

const archiveKey = ['archive'] as const;

/** Every 30 s in the header; every 5 s while its panel is open, so the lag and progress move as they do. */
const POLL_MS = 30_000;
const OPEN_POLL_MS = 5_000;

export function archiveQueryOptions(panelOpen = false) {
  return polledQueryOptions<ArchiveStatus, typeof archiveKey>(
    archiveKey,
    '/api/archive',
    panelOpen ? OPEN_POLL_MS : POLL_MS,
  );
}
