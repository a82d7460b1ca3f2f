/**
 * One write at a time per store in this process. The embedded database (libSQL) has no busy
 * timeout: a write while another connection holds a write transaction fails at once with
 * SQLITE_BUSY, and the sync's lanes write concurrently. Queuing the sync's writes here keeps
 * them from failing each other; on Postgres it costs a few milliseconds of waiting.
 */
import 'server-only';

const tails = new WeakMap<object, Promise<unknown>>();

export function serialized<T>(db: object, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(db) ?? Promise.resolve();
  const next = previous.then(work, work);
  tails.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}
