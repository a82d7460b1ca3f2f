/**
 * One background refresh per key across replicas: two services sharing one Redis cache (as
 * two replicas would) both find a key stale at once, both answer stale at once, and the
 * standalone emulator sees one refresh between them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '@/lib/reporting/redis-cache';
import { NOW, standaloneEmulator, totalRequests } from '@/test/support/emulator';
import { ManualClock, capturingLogger } from '@/test/support/fakes';
import { redisConnection, testRedisUrl, uniquePrefix } from '@/test/support/redis';
import { httpServiceFor } from '@/test/support/services';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('background refresh across replicas sharing Redis', () => {
  let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;
  const connections = [redisConnection(redisUrl ?? ''), redisConnection(redisUrl ?? '')];

  beforeAll(async () => {
    upstream = await standaloneEmulator();
  });
  afterAll(async () => {
    await upstream?.close();
    await Promise.all(connections.map((c) => c.quit()));
  });

  async function settledCalls(): Promise<number> {
    // Refreshes run after the stale answers: wait until the count stops moving.
    let last = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const now = totalRequests(await upstream.stats());
      if (now === last) return now;
      last = now;
    }
  }

  it('refreshes a stale key with 1 upstream call between two services', async () => {
    const prefix = `${uniquePrefix('refresh-lock')}:`;
    const clock = new ManualClock(NOW);
    const [a, b] = connections.map(
      (redis) =>
        httpServiceFor(upstream.url, { clock, cache: new RedisCache(redis, capturingLogger().logger, prefix) }).service,
    );
    const query = { field: 'event', size: 7, scope: [] };
    await a.terms(query);
    expect((await b.terms(query)).meta.cache).toBe('hit');
    expect(totalRequests(await upstream.stats())).toBe(1);

    clock.advance(61_000);
    const [fromA, fromB] = await Promise.all([a.terms(query), b.terms(query)]);
    expect([fromA.meta.cache, fromB.meta.cache]).toEqual(['stale', 'stale']);
    expect(await settledCalls()).toBe(2);
    expect((await b.terms(query)).meta.cache).toBe('hit');
    expect((await a.terms(query)).meta.cache).toBe('hit');
  });
});
