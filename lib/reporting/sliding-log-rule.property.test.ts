/**
 * One admission rule, two languages: `decide` (TypeScript, the memory store) and the Lua script
 * of the Redis store must reach the same decision, admitted or not, when, why and for whom, on
 * the same log. Generated: limits, reserves, shares, safety margins, logs of calls (times,
 * classes, users), people waiting, back-offs, and the request (class, users).
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedPolicy, upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import { PRIORITIES } from './priorities';
import { decide, type LogEntry } from './sliding-log';
import { RedisSlidingLog } from './sliding-log-redis';
import { T0 } from '@/test/support/fakes';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';

const USERS = ['', 'ana', 'bo', 'c|d', 'zoë'];

const caseOf = fc.record({
  // Small limits fill up; larger ones leave room, where the people's turns decide.
  perMinute: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 40 })),
  extraHour: fc.integer({ min: 0, max: 40 }),
  reserve: fc.integer({ min: 0, max: 3 }),
  marginMs: fc.constantFrom(0, 500, 2_000),
  shares: fc.array(
    fc.record({ classes: fc.subarray([...PRIORITIES]), fraction: fc.constantFrom(0.25, 0.5, 0.75, 1) }),
    { maxLength: 2 },
  ),
  log: fc.array(
    fc.record({
      // Mostly within the minute, some within the hour, a few just past it.
      ago: fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: 0, max: 3_700_000 })),
      priority: fc.constantFrom(...PRIORITIES),
      user: fc.constantFrom(...USERS),
    }),
    { maxLength: 50 },
  ),
  waiting: fc.subarray(USERS),
  // A back-off over, or in force (the key's TTL runs in real time: keep it well above the test's).
  backoffIn: fc.option(fc.oneof(fc.integer({ min: -30_000, max: 0 }), fc.integer({ min: 5_000, max: 90_000 }))),
  priority: fc.constantFrom(...PRIORITIES),
  users: fc.subarray(USERS, { maxLength: 3 }),
});

type Case = typeof caseOf extends fc.Arbitrary<infer T> ? T : never;

function policyOf(c: Case, keyPrefix: string): LimiterPolicy | null {
  const perHour = c.perMinute + c.extraHour;
  try {
    return checkedPolicy({
      ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0, keyPrefix }),
      safetyMarginMs: c.marginMs,
      windows: [
        { name: 'minute', limit: c.perMinute, windowMs: 60_000, reserve: Math.min(c.reserve, c.perMinute - 1) },
        { name: 'hour', limit: perHour, windowMs: 3_600_000, reserve: Math.min(c.reserve, perHour - 1) },
      ],
      shares: c.shares.map((share, i) => ({ name: `s${i}`, ...share })),
    });
  } catch {
    return null; // a share that leaves no call: a policy the settings refuse
  }
}

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('the admission rule in TypeScript and in Lua', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl as string);
  });
  afterAll(async () => {
    await redis.quit();
  });

  /** Fills the Redis log through the store itself, under a policy with the same sets that admits everything. */
  async function seed(policy: LimiterPolicy, entries: LogEntry[]): Promise<void> {
    const open: LimiterPolicy = {
      ...policy,
      windows: policy.windows.map((w) => ({ ...w, limit: 1_000_000, reserve: 0 })),
      shares: policy.shares.map((s) => ({ ...s, fraction: 1 })),
    };
    const store = new RedisSlidingLog(redis, open, { heartbeatMs: 0 });
    for (const e of entries) {
      const admission = await store.tryAcquire({
        now: e.at,
        priority: e.priority,
        users: e.user === '' ? [] : [e.user],
        waiter: { id: 'seeder', others: [] },
      });
      expect(admission).toEqual({ admitted: true, user: e.user });
    }
  }

  it('decides alike on every generated log', async () => {
    let admitted = 0;
    const reasons = new Set<string>();
    await fc.assert(
      fc.asyncProperty(caseOf, async (c) => {
        const policy = policyOf(c, uniquePrefix('rule'));
        fc.pre(policy !== null);
        if (!policy) return;
        const now = T0 + 4_000_000;
        const log = c.log.map((e): LogEntry => ({ at: now - e.ago, priority: e.priority, user: e.user }));
        log.sort((a, b) => a.at - b.at);
        await seed(policy, log);
        const store = new RedisSlidingLog(redis, policy, { heartbeatMs: 0 });
        const backoffUntil = c.backoffIn === null ? 0 : now + c.backoffIn;
        if (backoffUntil > now) await store.backOff(backoffUntil, now);
        const request = { priority: c.priority, users: c.users };
        const expected = decide({ log, now, backoffUntil, waiting: c.waiting, ...request }, policy);
        const actual = await store.tryAcquire({ now, ...request, waiter: { id: 'w', others: c.waiting } });
        expect(actual).toEqual(expected);
        if (actual.admitted) admitted++;
        else reasons.add(actual.reason);
      }),
      { numRuns: 200 },
    );
    // The generator reached every outcome the rule has.
    expect(admitted).toBeGreaterThan(0);
    expect([...reasons].sort()).toEqual(['backoff', 'budget', 'fair', 'share']);
  });
});
