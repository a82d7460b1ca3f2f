import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-store';
import { RedisCache } from './redis-cache';
import { capturingLogger } from '@/test/support/fakes';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';

const entry: CacheEntry = {
  data: { terms: [{ key: 'iphone', count: 3 }], success: true },
  fetchedAt: 1,
  freshUntil: 2,
  staleUntil: 3,
};
const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('RedisCache', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl as string);
  });
  afterAll(() => redis.quit());

  it('round-trips an entry and forgets it after its TTL', async () => {
    const prefix = uniquePrefix('cache');
    const cache = new RedisCache(redis, capturingLogger().logger, prefix);
    await cache.set('terms?field=event', entry, 150);
    expect(await cache.get('terms?field=event')).toEqual(entry);
    await new Promise((r) => setTimeout(r, 250));
    expect(await cache.get('terms?field=event')).toBeUndefined();
  });

  it('ignores an entry that is not what it wrote', async () => {
    const prefix = uniquePrefix('cache');
    const { logger, lines } = capturingLogger();
    const cache = new RedisCache(redis, logger, prefix);
    await redis.set(`${prefix}k`, JSON.stringify({ ...entry, data: { terms: 'nope', success: true } }));
    await redis.set(`${prefix}j`, '{not json');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.get('j')).toBeUndefined();
    expect(lines.join('')).toMatch(/unexpected shape/);
  });
});

describe('RedisCache without Redis', () => {
  it('degrades to misses and skipped writes, with a log line, instead of failing requests', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const { logger, lines } = capturingLogger();
    const cache = new RedisCache(dead, logger);
    await expect(cache.set('k', entry, 1_000)).resolves.toBeUndefined();
    await expect(cache.get('k')).resolves.toBeUndefined();
    expect(lines.filter((l) => l.includes('redis cache'))).toHaveLength(2);
    dead.disconnect();
  });
});
