/** The archive's events compared with the emulator's own data, by identity. */
import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { Emulator } from '@/lib/emulator';

const identity = (e: { request_id: string; event: string; time_ms: number }) =>
  `${e.time_ms}|${e.request_id}|${e.event}`;

/** Identities the emulator holds in [from, to) and the archive lacks, and those the archive holds and the emulator does not. */
export async function compareWithEmulator(
  db: Kysely<Database>,
  appId: string,
  emulator: Emulator,
  from: number,
  to: number,
): Promise<{ expected: number; held: number; missing: string[]; extra: string[] }> {
  const truth = new Set<string>();
  emulator.dataset.forEachEvent(
    (e) => truth.add(identity({ request_id: e.request_id, event: e.event, time_ms: Date.parse(e.time) })),
    { from, to },
  );
  const rows = await db
    .selectFrom('archive_events')
    .select(['request_id', 'event', 'time_ms'])
    .where('app_id', '=', appId)
    .where('time_ms', '>=', from)
    .where('time_ms', '<', to)
    .execute();
  const held = new Set(rows.map(identity));
  return {
    expected: truth.size,
    held: rows.length,
    missing: [...truth].filter((k) => !held.has(k)),
    extra: [...held].filter((k) => !truth.has(k)),
  };
}
