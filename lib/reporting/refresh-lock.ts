/**
 * One background refresh per key across replicas. In one process the in-flight map already
 * lets only one refresh of a key run; replicas sharing a Redis cache would each still refresh
 * the same stale key, spending one upstream call per replica for one answer. A short
 * `SET NX PX` claim per canonical key lets only the first replica go; the others keep serving
 * stale until the winner's answer lands in the shared cache. The claim is never released: it
 * expires, which also stops every replica from retrying a failing refresh for that long.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import type { ReportingLogger } from './logger';

export interface RefreshLock {
  /** True when this process may refresh `key` now; nobody else gets it for `ttlMs`. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

export class RedisRefreshLock implements RefreshLock {
  constructor(
    private readonly redis: Redis,
    private readonly log: ReportingLogger,
    private readonly keyPrefix = 'authy:refresh-lock:',
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.redis.set(this.keyPrefix + key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
    } catch (err) {
      // Without Redis the shared limiter refuses calls anyway; fall back to the per-process rule.
      this.log.warn({ err }, 'refresh lock unavailable; refreshing without it');
      return true;
    }
  }
}
