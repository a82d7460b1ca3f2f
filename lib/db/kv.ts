/**
 * A small JSON key-value store on the `cache_entries` table, for state that must outlive the
 * process (a month's MAU partition, say) but needs no table of its own. Keys are namespaced
 * so they never meet the persistent cache's upstream-query keys. What comes back is checked
 * with the caller's schema: a row that no longer fits reads as missing.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from './schema';

export interface KeyValueStore {
  get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  /** Keeps `value` (JSON) forever, or for `ttlMs`. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

const NAMESPACE = 'kv:';

export class DbKeyValueStore implements KeyValueStore {
  constructor(
    private readonly db: () => Promise<Kysely<Database>>,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const db = await this.db();
    const row = await db
      .selectFrom('cache_entries')
      .select(['value', 'expires_at'])
      .where('key', '=', NAMESPACE + key)
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && Date.parse(row.expires_at) <= this.now())) return undefined;
    return parseJson(row.value, schema);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const db = await this.db();
    const row = {
      key: NAMESPACE + key,
      value: JSON.stringify(value),
      stored_at: new Date(this.now()).toISOString(),
      expires_at: ttlMs === undefined ? null : new Date(this.now() + ttlMs).toISOString(),
    };
    await db
      .insertInto('cache_entries')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: row.value, stored_at: row.stored_at, expires_at: row.expires_at }),
      )
      .execute();
  }

  async delete(key: string): Promise<void> {
    const db = await this.db();
    await db
      .deleteFrom('cache_entries')
      .where('key', '=', NAMESPACE + key)
      .execute();
  }
}

/** The same contract in memory: for tests, and for wiring without a database. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly rows = new Map<string, { json: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const row = this.rows.get(key);
    if (!row || row.expiresAt <= this.now()) return undefined;
    return parseJson(row.json, schema);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.rows.set(key, { json: JSON.stringify(value), expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.rows.delete(key);
  }
}

function parseJson<T>(json: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
