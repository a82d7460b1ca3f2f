/**
 * Writes and counts the archive's copy of events. Inserting is idempotent: an event already
 * held (same identity) is skipped, so a page read twice (a retry, a restart in the middle of
 * a window, a look-back over the live edge) never stores an event twice.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { AuthyEvent } from '../authy/responses';
import type { Database } from '../db/schema';
import type { ArchiveEventsTable } from './schema';

type Db = () => Promise<Kysely<Database>>;

/** Rows per INSERT: eight parameters each stays far below SQLite's and Postgres's limits. */
const BATCH = 500;

export function toRow(appId: string, event: AuthyEvent): ArchiveEventsTable {
  const timeMs = Date.parse(event.time);
  if (Number.isNaN(timeMs)) throw new Error(`event time is not a time: "${event.time}"`);
  return {
    app_id: appId,
    time_ms: timeMs,
    request_id: event.request_id,
    event: event.event,
    user_id: stringOrNull(event.objects.user?.s_authy_id),
    device_type: stringOrNull(event.objects.device?.s_device_type),
    country_code: stringOrNull(event.objects.user?.s_country_code),
    body: JSON.stringify(event),
  };
}

/** An extracted column holds the field only when it is a string, as a query on it expects. */
function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Inserts rows in batches inside the caller's transaction, skipping events already held; answers how many were new. */
export async function insertRows(tx: Kysely<Database>, rows: readonly ArchiveEventsTable[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await tx
      .insertInto('archive_events')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['app_id', 'request_id', 'event', 'time_ms']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export class ArchiveEventStore {
  constructor(private readonly db: Db) {}

  /** Stores the events not held yet; answers how many were new. */
  async insert(appId: string, events: readonly AuthyEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const db = await this.db();
    const rows = events.map((event) => toRow(appId, event));
    return db.transaction().execute((tx) => insertRows(tx, rows));
  }

  /** Removes the events with time in [from, to); answers how many. */
  async deleteBetween(appId: string, from: number, to: number): Promise<number> {
    const db = await this.db();
    const result = await db
      .deleteFrom('archive_events')
      .where('app_id', '=', appId)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Events held with time in [from, to). */
  async countBetween(appId: string, from: number, to: number): Promise<number> {
    const db = await this.db();
    const row = await db
      .selectFrom('archive_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('app_id', '=', appId)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Events held with time in [from, to), per bucket of `bucketMs` aligned to the epoch (as the
   * API aligns fixed-length intervals such as `60m`): bucket start → count, empty buckets absent.
   */
  async countByBucket(appId: string, from: number, to: number, bucketMs: number): Promise<Map<number, number>> {
    const db = await this.db();
    const rows = await db
      .selectFrom('archive_events')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        // time_ms - (time_ms % b) is the bucket's start in both dialects (times are positive).
        eb(eb.ref('time_ms'), '-', eb(eb.ref('time_ms'), '%', bucketMs)).as('bucket'),
      ])
      .where('app_id', '=', appId)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .groupBy('bucket')
      .execute();
    return new Map(rows.map((r) => [Number(r.bucket), Number(r.n)]));
  }
}
