/**
 * The sync's own tables, as Kysely sees them (the events themselves are `archive_events`, in
 * ../schema.ts). Times are epoch milliseconds; every row is keyed by application.
 */

/** Which modes the fit rule can choose (README, "Fit"). */
export type SyncMode = 'full' | 'partial' | 'rollups';

/**
 * What the sync decided and where it stands, one row per application, written by the lease
 * holder only.
 */
export type ArchiveSyncStateTable = {
  app_id: string;
  mode: SyncMode;
  /** Events per hour measured by the last fit (the upstream's histogram). */
  rate_per_hour: number;
  fit_at_ms: number;
  /** The oldest instant the events backfill reaches back to. */
  floor_ms: number;
  /** Live edge: every event before this instant, back to the open segment's start, is held. */
  cursor_ms: number | null;
  /** Start of the live segment not yet closed into a window. */
  segment_ms: number | null;
  /** Events held, kept by the sync as it writes (recounted at each prune). */
  events_held: number;
  pruned_at_ms: number | null;
};

/**
 * Where a window is: `unplanned` (its size is not known yet: one histogram will split it),
 * `queued` (sized; `pages` of it are stored), `copied` (every page stored), `verified` (the
 * upstream's counts matched), `disputed` (repairs did not make them match).
 */
export type WindowState = 'unplanned' | 'queued' | 'copied' | 'verified' | 'disputed';
/** `backfill` windows come from a plan (the first one, or a gap of the live edge); `live` ones are closed live segments. */
export type WindowKind = 'backfill' | 'live';

/** One half-open slice of time, [start_ms, end_ms), copied and verified as a unit. */
export type ArchiveSyncWindowsTable = {
  app_id: string;
  start_ms: number;
  end_ms: number;
  kind: WindowKind;
  state: WindowState;
  /** Events the upstream's histogram counted in it when it was planned (an estimate when unplanned). */
  expected: number;
  /** Pages of 100 stored so far. */
  pages: number;
  /** Held whole from here to end_ms: later than start_ms when the API's retention took the oldest part first. */
  held_from_ms: number | null;
  /** Verifications that found a difference. */
  attempts: number;
  verified_at_ms: number | null;
};

/**
 * The lease (one sync per application among all replicas) and two signals any replica may
 * write for the holder: someone has a page open; someone waits for the live edge to reach a time.
 */
export type ArchiveSyncLeaseTable = {
  app_id: string;
  holder: string;
  expires_ms: number;
  touched_ms: number;
  wanted_ms: number;
};

export type ArchiveCallClass = 'live' | 'verification' | 'backfill';

/** Upstream calls the sync spent, per minute and class: "calls this hour" in the status. */
export type ArchiveSyncCallsTable = {
  app_id: string;
  minute_ms: number;
  class: ArchiveCallClass;
  calls: number;
};

/** Intervals whose events were imported in bulk (the demo's pre-fill), held whole. */
export type ArchiveImportsTable = {
  app_id: string;
  label: string;
  from_ms: number;
  to_ms: number;
};

/** Hourly counts per event name, for what the archive keeps no events of. */
export type ArchiveRollupHourlyTable = {
  app_id: string;
  hour_ms: number;
  event: string;
  count: number;
};

export type RollupField = 'country' | 'device_type';

/** A day's top 100 terms of one field (countries, device types). */
export type ArchiveRollupDailyTermsTable = {
  app_id: string;
  day_ms: number;
  field: RollupField;
  key: string;
  count: number;
};

export type RollupKind = 'hourly' | RollupField;

/** Which spans each kind of rollup holds (absent hours and terms inside a span are zero). */
export type ArchiveRollupSpansTable = {
  app_id: string;
  kind: RollupKind;
  from_ms: number;
  to_ms: number;
};

export type ArchiveSyncDatabase = {
  archive_sync_state: ArchiveSyncStateTable;
  archive_sync_windows: ArchiveSyncWindowsTable;
  archive_sync_lease: ArchiveSyncLeaseTable;
  archive_sync_calls: ArchiveSyncCallsTable;
  archive_imports: ArchiveImportsTable;
  archive_rollup_hourly: ArchiveRollupHourlyTable;
  archive_rollup_daily_terms: ArchiveRollupDailyTermsTable;
  archive_rollup_spans: ArchiveRollupSpansTable;
};
