/**
 * The archive's tables in the dashboard's store (the embedded database or Postgres), as Kysely
 * sees them. Times are epoch milliseconds (integers): ranges and buckets are arithmetic on
 * them, the same in both dialects. Every row is keyed by application (`app_id`, derived from
 * the API key, never the key), so several applications can share one store.
 */

/**
 * One event as the upstream answered it. Identity is (app_id, request_id, event, time_ms): see
 * the README's "Identity". `body` is the event's JSON exactly as received, so a local answer
 * returns the very objects the API returned.
 */
export type ArchiveEventsTable = {
  app_id: string;
  time_ms: number;
  request_id: string;
  event: string;
  /** `objects.user.s_authy_id`, or null when the event has no user: monthly actives and user filters. */
  user_id: string | null;
  body: string;
};

export type ArchiveDatabase = {
  archive_events: ArchiveEventsTable;
};
