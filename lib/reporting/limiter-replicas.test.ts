/**
 * Two limiters (two replicas) on one Redis keep the shares and the turns together: the
 * archive's classes take at most their share between them, a person waiting on one replica
 * goes before any other class on the other, and before a flooder with more calls.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { Limiter } from './limiter';
import { ARCHIVE_CLASSES, upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import type { Priority } from './priorities';
import { RedisSlidingLog } from './sliding-log-redis';
import { ManualClock, settle } from '@/test/support/fakes';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('two replicas on one Redis', () => {
  let clients: Redis[] = [];
  beforeAll(() => {
    clients = [new Redis(redisUrl as string), new Redis(redisUrl as string)];
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  function replicas(policy: LimiterPolicy) {
    const clock = new ManualClock();
    const [a, b] = clients.map(
      (redis) => new Limiter(new RedisSlidingLog(redis, policy, { clock, heartbeatMs: 0 }), policy, clock),
    );
    return { a, b, clock, start: clock.now() };
  }

  /** `perMinute` calls a minute with no reserve and no margin; people may wait ten minutes. */
  function smallWindow(keyPrefix: string, perMinute: number): LimiterPolicy {
    return {
      ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 600_000, keyPrefix }),
      windows: [
        { name: 'minute', limit: perMinute, windowMs: 60_000, reserve: 0 },
        { name: 'hour', limit: 100, windowMs: 3_600_000, reserve: 0 },
      ],
      safetyMarginMs: 0,
    };
  }

  async function admitted(limiter: Limiter, priority: Priority): Promise<boolean> {
    return limiter.acquire({ priority }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'rate_limited') return false;
        throw error;
      },
    );
  }

  it('hold the archive to its share between them, and leave people the rest', async () => {
    const policy = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix: uniquePrefix('rs') });
    const { a, b, clock } = replicas(policy);
    let archive = 0;
    for (let s = 0; s < 60; s++) {
      for (const priority of ARCHIVE_CLASSES) {
        if (await admitted(a, priority)) archive++;
        if (await admitted(b, priority)) archive++;
      }
      clock.advance(1_000);
    }
    expect(archive).toBe(15);
    let people = 0;
    for (let i = 0; i < 20; i++) if (await admitted(i % 2 ? a : b, 'interactive')) people++;
    expect(people).toBe(15);
    const { byClass } = (await b.budget()).minute;
    expect([byClass.interactive, byClass.live + byClass.verification + byClass.backfill]).toEqual([15, 15]);
  });

  it('let no other class take a slot while a person waits on another replica', async () => {
    const { a, b, clock, start } = replicas(smallWindow(uniquePrefix('rp'), 2));
    await a.acquire({ priority: 'interactive', users: ['ana'] });
    clock.advance(1_000);
    await b.acquire({ priority: 'interactive', users: ['ana'] });
    const order: string[] = [];
    const refresh = b.acquire({ priority: 'live' }).then(() => order.push('live'));
    await settle(20);
    const person = a.acquire({ priority: 'interactive', users: ['bo'] }).then(() => order.push('bo'));
    await settle(20);
    // One slot frees; the archive's replica looks first, and leaves it to the person.
    clock.t = start + 60_001;
    b.kick();
    await settle(20);
    a.kick();
    await settle(20);
    expect(order).toEqual(['bo']);
    clock.t = start + 61_001;
    b.kick();
    await Promise.all([person, refresh]);
    expect(order).toEqual(['bo', 'live']);
  });

  it('serve a person waiting on one replica before a flooder with more calls on the other', async () => {
    const { a, b, clock, start } = replicas(smallWindow(uniquePrefix('rf'), 6));
    for (let i = 0; i < 6; i++) {
      await a.acquire({ priority: 'interactive', users: ['ana'] });
      clock.advance(1_000);
    }
    const order: string[] = [];
    const ask = (limiter: Limiter, user: string) =>
      limiter.acquire({ priority: 'interactive', users: [user] }).then(() => order.push(user));
    const flood = [ask(a, 'ana'), ask(a, 'ana'), ask(a, 'ana')];
    await settle(20);
    const other = [ask(b, 'bo'), ask(b, 'bo'), ask(b, 'bo')];
    await settle(20);
    expect((await a.budget()).waiting).toBe(2);
    // One of ana's calls leaves the window each second; each replica looks, the flooder's first.
    for (let i = 0; i < 6; i++) {
      clock.t = start + 60_001 + i * 1_000;
      a.kick();
      await settle(20);
      b.kick();
      await settle(20);
    }
    await Promise.all([...flood, ...other]);
    expect(order).toEqual(['bo', 'bo', 'bo', 'ana', 'ana', 'ana']);
  });
});
