/** The sync's settings, from the app's (lib/env.ts reads the environment). */
import 'server-only';
import type { Settings } from '../../env';
import { MAX_EVENTS_PER_QUERY } from './buckets';
import type { ArchiveSyncSettings } from './types';

/** Events per window: room under the 10,000 one query reaches for what arrives between planning and copying. */
export const WINDOW_TARGET = MAX_EVENTS_PER_QUERY - 500;

export function archiveSyncSettings(s: Settings): ArchiveSyncSettings {
  return {
    enabled: s.ARCHIVE === 'auto',
    retentionDays: s.ARCHIVE_RETENTION_DAYS,
    apiRetentionDays: s.ARCHIVE_API_RETENTION_DAYS,
    liveActiveSeconds: s.ARCHIVE_LIVE_ACTIVE_SECONDS,
    liveIdleSeconds: s.ARCHIVE_LIVE_IDLE_SECONDS,
    lookbackMinutes: s.ARCHIVE_LOOKBACK_MINUTES,
    settleMarginMinutes: s.ARCHIVE_SETTLE_MARGIN_MINUTES,
    windowTarget: WINDOW_TARGET,
  };
}
