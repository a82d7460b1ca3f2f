/**
 * Verification's repair: the archive's events in [from, to) become exactly the ones just read
 * from the upstream, in one transaction, so a reader never sees the range half-written.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { AuthyEvent } from '../../authy/responses';
import type { Database } from '../../db/schema';
import { insertRows, toRow } from '../event-store';

export async function replaceRange(
  db: Kysely<Database>,
  appId: string,
  from: number,
  to: number,
  events: readonly AuthyEvent[],
): Promise<{ deleted: number; inserted: number }> {
  const rows = events.map((event) => toRow(appId, event)).filter((row) => row.time_ms >= from && row.time_ms < to);
  return db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom('archive_events')
      .where('app_id', '=', appId)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .executeTakeFirst();
    const inserted = await insertRows(tx, rows);
    return { deleted: Number(removed.numDeletedRows), inserted };
  });
}
