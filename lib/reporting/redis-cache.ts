/**
 * The cache shared by replicas. A Redis hiccup must not take the dashboard down: a failed read
 * is a miss and a failed write is skipped, both logged.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import { cacheEntrySchema, type CacheEntry, type CacheStore } from './cache-store';
import type { ReportingLogger } from './logger';
import { RedisRefreshLock, type RefreshLock } from './refresh-lock';

export class RedisCache implements CacheStore {
  /** Replicas sharing this cache also share who refreshes what. */
  readonly refreshLock: RefreshLock;

  constructor(
    private readonly redis: Redis,
    private readonly log: ReportingLogger,
    private readonly keyPrefix = 'authy:cache:',
  ) {
    this.refreshLock = new RedisRefreshLock(redis, log, `${keyPrefix}refresh-lock:`);
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    let raw: string | null;
    try {
      raw = await this.redis.get(this.keyPrefix + key);
    } catch (err) {
      this.log.warn({ err }, 'redis cache read failed; treating as a miss');
      return undefined;
    }
    if (raw === null) return undefined;
    const parsed = cacheEntrySchema.safeParse(safeJson(raw));
    if (!parsed.success) {
      this.log.warn({ key }, 'redis cache entry has an unexpected shape; ignoring it');
      return undefined;
    }
    return parsed.data;
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    try {
      await this.redis.set(this.keyPrefix + key, JSON.stringify(entry), 'PX', Math.ceil(ttlMs));
    } catch (err) {
      this.log.warn({ err }, 'redis cache write failed; continuing without it');
    }
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
