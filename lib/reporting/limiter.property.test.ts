/**
 * The limiter's guarantee, checked directly: whatever the arrival pattern and classes, across
 * several limiter instances (replicas) sharing one store, the calls released in any rolling
 * minute and any rolling hour never exceed the limits, nor a share its part of them; and a
 * person is only refused when a window is full.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { Limiter } from './limiter';
import { checkedPolicy, shareCap, upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import { PRIORITIES, type Priority } from './priorities';
import { spanOf, type SlidingLogStore } from './sliding-log';
import { MemorySlidingLog } from './sliding-log-memory';
import { RedisSlidingLog } from './sliding-log-redis';
import { ManualClock } from '@/test/support/fakes';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';

type Arrival = { gapMs: number; instance: number; burst: number; priority: Priority };
type Scenario = {
  perMinute: number;
  perHour: number;
  reserve: number;
  /** Classes (never people) that share `fraction` of each window. */
  share: { classes: Priority[]; fraction: number };
  marginMs: number;
  replicas: number;
  arrivals: Arrival[];
};

const scenario = fc
  .record({
    perMinute: fc.integer({ min: 1, max: 8 }),
    extraHour: fc.integer({ min: 0, max: 25 }),
    reserve: fc.integer({ min: 0, max: 2 }),
    share: fc.record({
      classes: fc.subarray(PRIORITIES.filter((p) => p !== 'interactive')),
      fraction: fc.constantFrom(0.25, 0.5, 0.75, 1),
    }),
    marginMs: fc.constantFrom(0, 500, 2_000),
    replicas: fc.integer({ min: 1, max: 4 }),
    arrivals: fc.array(
      fc.record({
        // Mostly close together, sometimes minutes apart, so both windows get exercised.
        gapMs: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 20 * 60_000 })),
        instance: fc.nat(),
        burst: fc.integer({ min: 1, max: 6 }),
        priority: fc.constantFrom(...PRIORITIES),
      }),
      { minLength: 1, maxLength: 60 },
    ),
  })
  .map((s): Scenario => ({
    ...s,
    perHour: s.perMinute + s.extraHour,
    reserve: Math.min(s.reserve, s.perMinute - 1),
    // At least one call of the smallest window for the share.
    share: { ...s.share, fraction: Math.max(s.share.fraction, 1 / s.perMinute) },
  }));

function policyOf(s: Scenario, keyPrefix: string): LimiterPolicy {
  return checkedPolicy({
    ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix }),
    safetyMarginMs: s.marginMs,
    windows: [
      { name: 'minute', limit: s.perMinute, windowMs: 60_000, reserve: s.reserve },
      { name: 'hour', limit: s.perHour, windowMs: 3_600_000, reserve: 0 },
    ],
    shares: [{ name: 'share', ...s.share }],
  });
}

/** Runs the arrivals; returns the release times and, for each refusal of a person, the log then. */
async function run(s: Scenario, stores: SlidingLogStore[], policy: LimiterPolicy) {
  const clock = new ManualClock();
  const limiters = stores.map((store) => new Limiter(store, policy, clock));
  const released: Released[] = [];
  const wrongRefusals: number[] = [];
  for (const arrival of s.arrivals) {
    clock.advance(arrival.gapMs);
    const now = clock.now();
    let refused = false;
    await Promise.all(
      Array.from({ length: arrival.burst }, (_, i) =>
        limiters[(arrival.instance + i) % limiters.length].acquire({ priority: arrival.priority }).then(
          () => released.push({ at: now, priority: arrival.priority }),
          (error: unknown) => {
            if (!(error instanceof ApiError) || error.code !== 'rate_limited') throw error;
            refused = true;
          },
        ),
      ),
    );
    // Judged once the burst has settled: replicas' answers arrive in any order.
    if (refused && arrival.priority === 'interactive' && !someWindowFull(released, now, policy))
      wrongRefusals.push(now);
  }
  return { released: released.sort((a, b) => a.at - b.at), wrongRefusals };
}

type Released = { at: number; priority: Priority };

function someWindowFull(released: Released[], now: number, policy: LimiterPolicy): boolean {
  return policy.windows.some((w) => released.filter((r) => r.at > now - spanOf(policy, w.windowMs)).length >= w.limit);
}

/** In any window [s, s + W) at most `limit` calls: the call `limit` places later is W or more after. */
function assertAtMost(times: number[], limit: number, span: number, what: string): void {
  for (let i = 0; i + limit < times.length; i++) {
    const gap = times[i + limit] - times[i];
    expect(gap, `${what}: ${limit + 1} calls within ${gap} ms`).toBeGreaterThanOrEqual(span);
  }
}

/** Every window holds its limit, and every share its cap, over the calls released (ascending). */
function assertWithinLimits(released: Released[], policy: LimiterPolicy): void {
  for (const window of policy.windows) {
    const span = spanOf(policy, window.windowMs);
    assertAtMost(
      released.map((r) => r.at),
      window.limit,
      span,
      window.name,
    );
    for (const share of policy.shares) {
      const calls = released.filter((r) => share.classes.includes(r.priority)).map((r) => r.at);
      assertAtMost(calls, shareCap(window, share), span, `${window.name}, ${share.classes.join('+')}`);
    }
  }
}

describe('limiter guarantee (memory store shared by several limiters)', () => {
  it('never exceeds either rolling window, and refuses a person only when a window is full', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const policy = policyOf(s, 'memory');
        const shared = new MemorySlidingLog(policy);
        const { released, wrongRefusals } = await run(s, Array(s.replicas).fill(shared), policy);
        assertWithinLimits(released, policy);
        expect(wrongRefusals).toEqual([]);
        expect(released.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('holds at the real figures (30 a minute, 300 an hour) under a steady flood', async () => {
    const s: Scenario = {
      perMinute: 30,
      perHour: 300,
      reserve: 3,
      share: { classes: ['backfill'], fraction: 0.5 },
      marginMs: 2_000,
      replicas: 3,
      arrivals: Array.from({ length: 1_500 }, (_, i) => ({
        gapMs: 1_000,
        instance: i,
        burst: 2,
        priority: i % 3 ? 'interactive' : 'background',
      })),
    };
    const policy = policyOf(s, 'real');
    const { released } = await run(s, Array(3).fill(new MemorySlidingLog(policy)), policy);
    assertWithinLimits(released, policy);
    // 25 minutes of flood: the hour cap (300) is what binds.
    expect(released.length).toBe(300);
  });
});

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('limiter guarantee (Redis store shared by several replicas)', () => {
  let replicas: Redis[] = [];
  beforeAll(() => {
    replicas = Array.from({ length: 4 }, () => new Redis(redisUrl as string));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((c) => c.quit()));
  });

  it('never exceeds either rolling window, and refuses a person only when a window is full', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const policy = policyOf(s, uniquePrefix('limiter-property'));
        const stores = replicas.slice(0, s.replicas).map((redis) => new RedisSlidingLog(redis, policy));
        const { released, wrongRefusals } = await run(s, stores, policy);
        assertWithinLimits(released, policy);
        expect(wrongRefusals).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('shares a back-off between replicas', async () => {
    const s: Scenario = {
      perMinute: 5,
      perHour: 50,
      reserve: 0,
      share: { classes: [], fraction: 1 },
      marginMs: 0,
      replicas: 2,
      arrivals: [],
    };
    const policy = policyOf(s, uniquePrefix('limiter-backoff'));
    const clock = new ManualClock();
    const [a, b] = replicas.slice(0, 2).map((redis) => new Limiter(new RedisSlidingLog(redis, policy), policy, clock));
    await a.backOff(30_000);
    await expect(b.acquire({ priority: 'interactive' })).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 30,
    });
    expect((await b.budget()).backoffUntil).toBe(new Date(clock.now() + 30_000).toISOString());
    clock.advance(30_000);
    await expect(b.acquire({ priority: 'interactive' })).resolves.toBeUndefined();
    expect((await a.budget()).minute.remaining).toBe(4);
  });
});
