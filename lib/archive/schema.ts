/**
 * The archive's tables in the dashboard's store (the embedded database or Postgres), as Kysely
 * sees them. Times are epoch milliseconds (integers): ranges and buckets are arithmetic on
 * them, the same in both dialects. Every row is keyed by application (`app_id`, derived from
 * the API key, never the key), so several applications can share one store.
 */

/**
 * One event as the upstream answered it. Identity is (app_id, request_id, event, time_ms): see
 * the README's "Identity". `body` is the event's JSON exactly as received, so a local answer
 * returns the very objects the API returned. The other text columns are copies of the body's
 * most queried string fields (null when the event lacks the field or it is not a string), so
 * the local query engine reads them from an index instead of parsing every body. Postgres
 * also keeps a generated `doc jsonb` copy of the body for the other fields (not listed here:
 * nothing writes it, and only the query engine's Postgres SQL reads it).
 */
export type ArchiveEventsTable = {
  app_id: string;
  time_ms: number;
  request_id: string;
  event: string;
  /** `objects.user.s_authy_id`: monthly actives and user filters. */
  user_id: string | null;
  /** `objects.device.s_device_type`. */
  device_type: string | null;
  /** `objects.user.s_country_code`. */
  country_code: string | null;
  body: string;
};

/**
 * How many rows of `archive_events` each (application, period, event name) holds: UTC days
 * in `archive_events_daily`, hours in `archive_events_hourly`, each period starting at
 * `start_ms` (aligned to the epoch). Kept equal to the events by triggers on every insert,
 * delete and update; never written directly. Histograms and terms whose conditions are only
 * on `event` and `time` count from them. Not to be confused with counts fetched from upstream
 * for periods the archive does not hold.
 */
export type ArchiveEventCountsTable = {
  app_id: string;
  start_ms: number;
  event: string;
  events: number;
};

/**
 * Per application, UTC day, copied field (`device_type`, `country_code`), its value and event
 * name: how many events the archive holds, kept by the same triggers. Events without the
 * field are not counted here. Terms on those fields count from it.
 */
export type ArchiveEventValueCountsTable = {
  app_id: string;
  field: string;
  start_ms: number;
  value: string;
  event: string;
  events: number;
};

export type ArchiveDatabase = {
  archive_events: ArchiveEventsTable;
  archive_events_daily: ArchiveEventCountsTable;
  archive_events_hourly: ArchiveEventCountsTable;
  archive_events_daily_values: ArchiveEventValueCountsTable;
};
