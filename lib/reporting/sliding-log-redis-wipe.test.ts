/**
 * The limiter's guarantee when Redis comes back EMPTY (restart without persistence, FLUSHALL,
 * keys deleted) while replicas keep calling: each replica remembers what it released and
 * re-seeds the log, and nobody is admitted until they have. Also: Redis unreachable fails
 * closed. The wipe is simulated by deleting this test's keys (other files share the server).
 */
import fc from 'fast-check';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { createRedis } from '../redis';
import { Limiter } from './limiter';
import { upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import { spanOf } from './sliding-log';
import { RedisSlidingLog } from './sliding-log-redis';
import { ManualClock } from '@/test/support/fakes';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';
import type { Priority } from './types';

const HEARTBEAT_MS = 2_000;
/** For the runs that simulate hours a call at a time (some 30,000 round trips to Redis each). */
const HOURS_LONG = 120_000;

/** In any window [s, s + span) at most `limit` calls: the call `limit` places later is a span or more after. */
function excess(released: number[], policy: LimiterPolicy): string[] {
  const sorted = [...released].sort((a, b) => a - b);
  const found: string[] = [];
  for (const window of policy.windows) {
    for (let i = 0; i + window.limit < sorted.length; i++) {
      const gap = sorted[i + window.limit] - sorted[i];
      if (gap < spanOf(policy, window.windowMs)) {
        found.push(`${window.name}: ${window.limit + 1} calls within ${gap} ms (from ${sorted[i]})`);
        break;
      }
    }
  }
  return found;
}

async function wipe(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

type Replica = { store: RedisSlidingLog; limiter: Limiter; released: number[] };

function replicasOn(clients: Redis[], policy: LimiterPolicy, clock: ManualClock): Replica[] {
  return clients.map((redis) => {
    // The heartbeat timer is off: the tests stand in for it with `sync()` at simulated times.
    const store = new RedisSlidingLog(redis, policy, { clock, heartbeatMs: 0 });
    return { store, limiter: new Limiter(store, policy, clock), released: [] };
  });
}

async function ask(replica: Replica, clock: ManualClock, priority: Priority = 'interactive'): Promise<boolean> {
  const now = clock.now();
  try {
    await replica.limiter.acquire({ priority });
    replica.released.push(now);
    return true;
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'rate_limited') throw error;
    return false;
  }
}

async function heartbeat(replicas: Replica[]): Promise<void> {
  await Promise.all(replicas.map((r) => r.store.sync()));
}

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('limiter over Redis that comes back empty', () => {
  let clients: Redis[] = [];
  let admin: Redis;
  beforeAll(() => {
    clients = Array.from({ length: 4 }, () => new Redis(redisUrl as string));
    admin = new Redis(redisUrl as string);
  });
  afterAll(async () => {
    await Promise.all([...clients, admin].map((c) => c.quit()));
  });

  it(
    'two replicas at the real limits: a wipe mid-run never lets a rolling minute or hour over',
    async () => {
      const prefix = uniquePrefix('limiter-wipe');
      const policy = { ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix: prefix }) };
      const clock = new ManualClock();
      const replicas = replicasOn(clients.slice(0, 2), policy, clock);
      // Both spend the minute between them...
      for (let i = 0; i < 20; i++) {
        for (const r of replicas) await ask(r, clock);
        clock.advance(1_000);
      }
      expect(replicas.reduce((n, r) => n + r.released.length, 0)).toBe(30);
      // ...Redis restarts empty, and both keep asking twice a second for two hours.
      await wipe(admin, prefix);
      for (let step = 0; step < 2 * 3_600 * 2; step++) {
        if (step % 4 === 0) await heartbeat(replicas);
        for (const r of replicas) await ask(r, clock, step % 3 ? 'interactive' : 'background');
        clock.advance(500);
      }
      const released = replicas.flatMap((r) => r.released);
      expect(excess(released, policy)).toEqual([]);
      // And the limiter did not simply stop: the hour cap is what binds over two hours.
      expect(released.length).toBeGreaterThanOrEqual(600);
    },
    HOURS_LONG,
  );

  it('a replica that only waits re-seeds through its heartbeat; the others are held back meanwhile', async () => {
    const prefix = uniquePrefix('limiter-wipe-idle');
    const policy = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix: prefix });
    const clock = new ManualClock();
    const [busy, idle] = replicasOn(clients.slice(0, 2), policy, clock);
    for (let i = 0; i < 30; i++) await ask(idle, clock);
    // The busy replica is running (it has met the epoch) but has not called yet.
    expect((await busy.limiter.budget()).minute.remaining).toBe(0);
    clock.advance(10_000);
    await wipe(admin, prefix);
    // The busy replica notices first: refused (resync), not admitted on a blank log.
    await expect(busy.limiter.acquire({ priority: 'interactive' })).rejects.toMatchObject({ code: 'rate_limited' });
    await heartbeat([idle]);
    const budget = await busy.limiter.budget();
    expect(budget.minute.remaining).toBe(0);
    expect(budget.hour.remaining).toBe(270);
    expect(budget.backoffUntil).not.toBeNull();
    // Re-seeding twice is harmless (same member ids).
    await heartbeat([idle, busy]);
    expect((await busy.limiter.budget()).minute.remaining).toBe(0);
    // Once the back-off and the idle replica's minute have passed, calls flow again.
    clock.advance(policy.windows[0].windowMs + policy.safetyMarginMs);
    await expect(busy.limiter.acquire({ priority: 'interactive' })).resolves.toBeUndefined();
  });

  it("the key of the log alone deleted (epoch kept) is caught by a replica's own latest call", async () => {
    const prefix = uniquePrefix('limiter-wipe-log');
    const policy = upstreamLimiterPolicy({ perMinute: 5, perHour: 50, maxWaitMs: 0, keyPrefix: prefix });
    const clock = new ManualClock();
    const [a, b] = replicasOn(clients.slice(0, 2), policy, clock);
    for (let i = 0; i < 5; i++) await ask(a, clock);
    await admin.del(`${prefix}:log`);
    clock.advance(1_000);
    expect(await ask(a, clock)).toBe(false);
    await heartbeat([a, b]);
    expect(await ask(b, clock)).toBe(false);
    expect((await b.limiter.budget()).minute.remaining).toBe(0);
  });

  it(
    'a replica that dies with the wipe: the minute still holds (the resync back-off spans a minute); the hour may not',
    async () => {
      const prefix = uniquePrefix('limiter-wipe-dead');
      const policy = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix: prefix });
      const clock = new ManualClock();
      const [a, b, dead] = replicasOn(clients.slice(0, 3), policy, clock);
      for (let i = 0; i < 30; i++) {
        await ask(i % 2 ? dead : a, clock);
        clock.advance(500);
      }
      await wipe(admin, prefix);
      dead.store.stop();
      const live = [a, b];
      for (let step = 0; step < 4 * 3_600; step++) {
        if (step % 2 === 0) await heartbeat(live);
        for (const r of live) await ask(r, clock);
        clock.advance(1_000);
      }
      const all = [...a.released, ...b.released, ...dead.released];
      const minuteOnly = { ...policy, windows: [policy.windows[0]] };
      expect(excess(all, minuteOnly)).toEqual([]);
      // The documented residual risk: the dead replica's 15 calls are lost from the hour's log.
      const hourOnly = { ...policy, windows: [policy.windows[1]] };
      expect(excess([...a.released, ...b.released], hourOnly)).toEqual([]);
      expect(excess(all, hourOnly)).not.toEqual([]);
    },
    HOURS_LONG,
  );

  type Step = { gapMs: number; instance: number; burst: number; priority: Priority; wipe: boolean };
  const scenario = fc.record({
    perMinute: fc.integer({ min: 1, max: 8 }),
    extraHour: fc.integer({ min: 0, max: 25 }),
    marginMs: fc.constantFrom(0, 500, 2_000),
    replicas: fc.integer({ min: 1, max: 4 }),
    steps: fc.array(
      fc.record<Step>({
        gapMs: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 20 * 60_000 })),
        instance: fc.nat(),
        burst: fc.integer({ min: 1, max: 6 }),
        priority: fc.constantFrom<Priority>('interactive', 'background'),
        wipe: fc
          .boolean()
          .chain((b) => (b ? fc.boolean() : fc.constant(false)))
          .chain((b) => (b ? fc.boolean() : fc.constant(false))),
      }),
      { minLength: 1, maxLength: 60 },
    ),
  });

  it('property: random wipes at random times never let any rolling window over its limit', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const prefix = uniquePrefix('limiter-wipe-property');
        const policy: LimiterPolicy = {
          ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix: prefix }),
          safetyMarginMs: s.marginMs,
          windows: [
            { name: 'minute', limit: s.perMinute, windowMs: 60_000, reserve: 0 },
            { name: 'hour', limit: s.perMinute + s.extraHour, windowMs: 3_600_000, reserve: 0 },
          ],
          shares: [],
        };
        const clock = new ManualClock();
        const replicas = replicasOn(clients.slice(0, s.replicas), policy, clock);
        for (const step of s.steps) {
          // Every replica's heartbeat beats at least every HEARTBEAT_MS of simulated time.
          clock.advance(Math.min(step.gapMs, HEARTBEAT_MS));
          await heartbeat(replicas);
          clock.advance(Math.max(0, step.gapMs - HEARTBEAT_MS));
          if (step.wipe) await wipe(admin, prefix);
          await Promise.all(
            Array.from({ length: step.burst }, (_, i) =>
              ask(replicas[(step.instance + i) % replicas.length], clock, step.priority),
            ),
          );
        }
        expect(
          excess(
            replicas.flatMap((r) => r.released),
            policy,
          ),
        ).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('limiter when Redis cannot be reached', () => {
  function closedPort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() =>
          typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
        );
      });
    });
  }

  it('fails closed: refuses with `unavailable` (503), never admits without the shared record', async () => {
    const redis = createRedis(`redis://127.0.0.1:${await closedPort()}`);
    redis.on('error', () => {});
    try {
      const policy = upstreamLimiterPolicy({
        perMinute: 30,
        perHour: 300,
        maxWaitMs: 0,
        keyPrefix: uniquePrefix('limiter-down'),
      });
      const store = new RedisSlidingLog(redis, policy, { heartbeatMs: 0 });
      const limiter = new Limiter(store, policy);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => limiter.acquire({ priority: 'interactive' })),
      );
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'unavailable', status: 503 });
      }
      await expect(limiter.budget()).rejects.toMatchObject({ code: 'unavailable' });
      // The heartbeat's check fails the same way; its timer swallows that and tries again later.
      await expect(store.sync()).rejects.toBeInstanceOf(Error);
    } finally {
      redis.disconnect();
    }
  });
});
