/**
 * Monthly actives from the archive: distinct `objects.user.s_authy_id` among the events held
 * with time in [from, to), optionally of some event names only. Read from the covering time
 * index, never from bodies.
 */
import type { Kysely } from 'kysely';
import type { EventName } from '../../authy/vocabulary';
import type { Database } from '../../db/schema';

export async function distinctUsers(
  db: Kysely<Database>,
  appId: string,
  from: number,
  to: number,
  events?: readonly EventName[],
): Promise<number> {
  if (events?.length === 0) return 0;
  let query = db
    .selectFrom('archive_events')
    .select((eb) => eb.fn.count<number>('user_id').distinct().as('users'))
    .where('app_id', '=', appId)
    .where('time_ms', '>=', from)
    .where('time_ms', '<', to)
    .where('user_id', 'is not', null);
  if (events) query = query.where('event', 'in', events);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.users);
}
