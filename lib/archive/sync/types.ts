/** What the sync is given (its dependencies and settings) and what it answers (status, coverage). */
import 'server-only';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Endpoint, UpstreamQuery } from '../../authy/schemas';
import type { Database } from '../../db/schema';
import type { Clock } from '../../reporting/clock';
import type { ResponseOf } from '../../reporting/types';
import type { Interval } from './intervals';
import type { ArchiveCallClass, SyncMode } from './schema';

export type { ArchiveCallClass } from './schema';

/**
 * Every upstream call of the sync goes through this, under the limiter's class for `cls`.
 * It rejects as the reporting service's calls do: an `UpstreamError` when the upstream failed,
 * an `ApiError` `rate_limited` (with `retryAfterSeconds`) when the budget or the archive's
 * share is spent; the sync then rests.
 */
export type ArchiveUpstream = {
  get<E extends Endpoint>(
    query: Extract<UpstreamQuery, { endpoint: E }>,
    cls: ArchiveCallClass,
  ): Promise<ResponseOf[E]>;
};

export type ArchiveSyncSettings = {
  /** `ARCHIVE=off`: no sync; the status says `off` and covers nothing. */
  enabled: boolean;
  /** How long events are kept, in days; 0 for good. */
  retentionDays: number;
  /** How far back the upstream answers (90 days on the real API). */
  apiRetentionDays: number;
  /** Live polls while someone has a page open, and otherwise. */
  liveActiveSeconds: number;
  liveIdleSeconds: number;
  /** The live edge re-reads (or re-counts) this much before its cursor for late arrivals. */
  lookbackMinutes: number;
  /** A window whose end is older than this no longer changes upstream: it may be verified. */
  settleMarginMinutes: number;
  /** Events per window at most (below the 10,000 one query reaches); smaller in tests. */
  windowTarget: number;
};

export type ArchiveSyncDeps = {
  /** The application's id (`appIdFor(key)`), never the key. */
  appId: string;
  db: () => Promise<Kysely<Database>>;
  upstream: ArchiveUpstream;
  /** The limiter's limits and the archive's share of them: the fit rule's budget. */
  budget: { perMinute: number; perHour: number; share: number };
  settings: ArchiveSyncSettings;
  clock: Clock;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Demo mode only: allows `importEvents` and `markCovered` (never with a real key). */
  allowImport?: boolean;
  /** Names this process in the lease; random by default. */
  holderId?: string;
};

export type ArchiveMode = SyncMode | 'off';

/** Time intervals [from, to) in epoch ms, merged and sorted: what the reporting service tests windows against. */
export type ArchiveCoverage = {
  mode: ArchiveMode;
  /** Intervals whose events are held whole: copied windows, verified windows, the live edge, imports. */
  events: Interval[];
  /** Where the live edge stands (null when it does not run). */
  cursor: number | null;
  /**
   * Changes whenever what the archive holds may have changed (events written or removed, the
   * live edge moved, a window copied, repaired or trimmed): answers computed under one version
   * are the answers under it.
   */
  version: string;
};

type IsoInterval = { from: string; to: string };

export type ArchiveStatus = {
  mode: ArchiveMode;
  coverage: IsoInterval[];
  /** The parts imported in bulk (the demo's pre-fill), by label. */
  imported: (IsoInterval & { label: string })[];
  /** The newest instant up to which the upstream's counts were checked against the archive. */
  verifiedThrough: string | null;
  verified: IsoInterval[];
  /** How far the live edge is behind now. */
  lagSeconds: number | null;
  backfill: { done: number; total: number; expectedEnd: string | null };
  eventsHeld: number;
  /** Upstream calls in the last 60 minutes, by class. */
  callsThisHour: Record<ArchiveCallClass, number> & { total: number };
  rollups: { hourly: IsoInterval[]; countries: IsoInterval[]; deviceTypes: IsoInterval[] };
  fit: {
    eventsPerHour: number;
    budgetPerHour: number;
    steadyCallsPerHour: number;
    keepDays: number;
    measuredAt: string;
  } | null;
  /** Whether this process holds the lease and runs the sync. */
  running: boolean;
  retentionDays: number;
};
