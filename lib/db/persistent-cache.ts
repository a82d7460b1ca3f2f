/**
 * The durable cache tier: immutable upstream answers (windows that ended long ago) kept in the
 * store, so a restart or a new replica spends no upstream calls on data already fetched.
 * What comes back is checked with the same schema as any other out-of-process cache.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import { cacheEntrySchema, type CacheEntry, type CacheStore } from '../reporting/cache-store';
import type { Database } from './schema';

export class PersistentCacheStore implements CacheStore {
  constructor(
    private readonly db: () => Promise<Kysely<Database>>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const db = await this.db();
    const row = await db
      .selectFrom('cache_entries')
      .select(['value', 'expires_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || (row.expires_at && Date.parse(row.expires_at) <= this.now())) return undefined;
    try {
      const parsed = cacheEntrySchema.safeParse(JSON.parse(row.value));
      return parsed.success ? (parsed.data as CacheEntry) : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    const db = await this.db();
    const row = {
      key,
      value: JSON.stringify(entry),
      stored_at: new Date(this.now()).toISOString(),
      expires_at: Number.isFinite(ttlMs) ? new Date(this.now() + ttlMs).toISOString() : null,
    };
    await db
      .insertInto('cache_entries')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: row.value, stored_at: row.stored_at, expires_at: row.expires_at }),
      )
      .execute();
  }

  /** Drops expired rows; called now and then so the table does not grow without bound. */
  async prune(): Promise<number> {
    const db = await this.db();
    const result = await db
      .deleteFrom('cache_entries')
      .where('expires_at', '<=', new Date(this.now()).toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
