/**
 * One Redis connection for the cache and the limiter's shared log. Commands fail fast when
 * Redis is away instead of queueing for ever: the cache then degrades to misses and the
 * limiter refuses (503) rather than guess at the budget.
 */
import 'server-only';
import { Redis } from 'ioredis';

export function createRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    // Keep trying to reconnect in the background, at most every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
