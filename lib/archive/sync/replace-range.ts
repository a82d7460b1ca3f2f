/**
 * Verification's repair: the archive's events in [from, to) become exactly the ones just read
 * from the upstream, in one transaction, so a reader never sees the range half-written.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { AuthyEvent } from '../../authy/responses';
import type { Database } from '../../db/schema';
import { toRow } from '../event-store';

const BATCH = 500;

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
    let inserted = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const result = await tx
        .insertInto('archive_events')
        .values(rows.slice(i, i + BATCH))
        .onConflict((oc) => oc.columns(['app_id', 'request_id', 'event', 'time_ms']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return { deleted: Number(removed.numDeletedRows), inserted };
  });
}
