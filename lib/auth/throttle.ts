/**
 * Failed sign-ins are throttled per name and per address: a few a quarter hour, then 429. The
 * counters use rate-limiter-flexible, in Redis when REDIS_URL is set so every replica agrees.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export const SIGN_IN_POLICY = { points: 5, durationSeconds: 15 * 60, keyPrefix: 'signin' } as const;

export type SignInThrottle = {
  /** Seconds until another attempt is allowed for these keys, or 0 when one is. */
  blockedFor(keys: string[]): Promise<number>;
  recordFailure(keys: string[]): Promise<void>;
  reset(key: string): Promise<void>;
};

export function createSignInThrottle(limiter: RateLimiterAbstract): SignInThrottle {
  return {
    async blockedFor(keys) {
      const states = await Promise.all(keys.map((key) => limiter.get(key)));
      const blocked = states.filter((s): s is RateLimiterRes => s !== null && s.remainingPoints <= 0);
      return blocked.length ? Math.ceil(Math.max(...blocked.map((s) => s.msBeforeNext)) / 1000) : 0;
    },
    async recordFailure(keys) {
      // The library rejects with a result object once a key is spent; that is expected here.
      await Promise.all(keys.map((key) => limiter.consume(key).catch(() => undefined)));
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

export function memorySignInLimiter(): RateLimiterAbstract {
  return new RateLimiterMemory({
    points: SIGN_IN_POLICY.points,
    duration: SIGN_IN_POLICY.durationSeconds,
    keyPrefix: SIGN_IN_POLICY.keyPrefix,
  });
}

/**
 * The same policy in Redis, so a guesser cannot spread attempts over replicas. While Redis is
 * away the in-memory insurance limiter counts instead: sign-in keeps working, throttled per
 * replica, rather than failing for everyone.
 */
export function redisSignInLimiter(redis: Redis, keyPrefix: string = SIGN_IN_POLICY.keyPrefix): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis,
    points: SIGN_IN_POLICY.points,
    duration: SIGN_IN_POLICY.durationSeconds,
    keyPrefix: `authy:${keyPrefix}`,
    insuranceLimiter: memorySignInLimiter(),
  });
}
