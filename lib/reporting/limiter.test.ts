import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { Limiter, type Ticket } from './limiter';
import { upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import { MemorySlidingLog } from './sliding-log-memory';
import type { SlidingLogStore } from './sliding-log';
import { ManualClock } from '@/test/support/fakes';
import type { Priority } from './priorities';

const interactive: Ticket = { priority: 'interactive' };
const background: Ticket = { priority: 'background' };

function policy(overrides: {
  perMinute?: number;
  perHour?: number;
  windowMs?: number;
  reserve?: number;
  maxWaitMs?: number;
}): LimiterPolicy {
  return {
    ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: overrides.maxWaitMs ?? 0, keyPrefix: 'test' }),
    safetyMarginMs: 0,
    windows: [
      {
        name: 'minute',
        limit: overrides.perMinute ?? 3,
        windowMs: overrides.windowMs ?? 60_000,
        reserve: overrides.reserve ?? 0,
      },
      { name: 'hour', limit: overrides.perHour ?? 100, windowMs: (overrides.windowMs ?? 60_000) * 60, reserve: 0 },
    ],
    shares: [],
  };
}

function limiterWith(p: LimiterPolicy, clock = new ManualClock()) {
  return { limiter: new Limiter(new MemorySlidingLog(p), p, clock), clock };
}

async function outcome(promise: Promise<void>): Promise<'ok' | ApiError> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

describe('Limiter', () => {
  it('admits up to the minute limit, then refuses with 429 and when to retry', async () => {
    const { limiter, clock } = limiterWith(policy({ perMinute: 3 }));
    for (let i = 0; i < 3; i++) {
      await limiter.acquire(interactive);
      clock.advance(1_000);
    }
    const refused = await outcome(limiter.acquire(interactive));
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('rate_limited');
    expect((refused as ApiError).status).toBe(429);
    // The first call (at 0 s) leaves the window at 60 s; it is now 3 s.
    expect((refused as ApiError).retryAfterSeconds).toBe(57);
    clock.advance(57_000);
    expect(await outcome(limiter.acquire(interactive))).toBe('ok');
  });

  it('enforces the hour as well as the minute', async () => {
    const { limiter, clock } = limiterWith(policy({ perMinute: 5, perHour: 7 }));
    let admitted = 0;
    for (let i = 0; i < 20; i++) {
      if ((await outcome(limiter.acquire(interactive))) === 'ok') admitted++;
      clock.advance(61_000);
    }
    expect(admitted).toBe(7);
  });

  it('keeps the last slots of the window for people: background refreshes may not take them', async () => {
    const { limiter } = limiterWith(policy({ perMinute: 4, reserve: 1 }));
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(limiter.acquire(background)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(await outcome(limiter.acquire(interactive))).toBe('ok');
  });

  it('serves people before auto-refreshes when a slot frees', async () => {
    const p = policy({ perMinute: 1, windowMs: 150, maxWaitMs: 2_000 });
    const limiter = new Limiter(new MemorySlidingLog(p), p);
    await limiter.acquire(interactive);
    const order: string[] = [];
    const waiting = [
      limiter.acquire(background).then(() => order.push('background')),
      limiter.acquire(interactive).then(() => order.push('interactive')),
    ];
    await Promise.all(waiting);
    expect(order).toEqual(['interactive', 'background']);
  });

  it('waits a bounded time for a slot, and answers 429 at once when none can free in time', async () => {
    const p = policy({ perMinute: 1, windowMs: 100, maxWaitMs: 1_000 });
    const limiter = new Limiter(new MemorySlidingLog(p), p);
    await limiter.acquire(interactive);
    const started = Date.now();
    await limiter.acquire(interactive);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);

    const slow = policy({ perMinute: 1, windowMs: 60_000, maxWaitMs: 1_000 });
    const strict = new Limiter(new MemorySlidingLog(slow), slow);
    await strict.acquire(interactive);
    const t = Date.now();
    const refused = await outcome(strict.acquire(interactive));
    expect((refused as ApiError).code).toBe('rate_limited');
    expect(Date.now() - t).toBeLessThan(500);
  });

  it('a raised priority takes effect while queued', async () => {
    const p = policy({ perMinute: 1, windowMs: 150, maxWaitMs: 2_000 });
    const limiter = new Limiter(new MemorySlidingLog(p), p);
    await limiter.acquire(interactive);
    const order: string[] = [];
    let priority: Priority = 'background';
    const raised: Ticket = {
      get priority() {
        return priority;
      },
    };
    const first = limiter.acquire(background).then(() => order.push('plain background'));
    const second = limiter.acquire(raised).then(() => order.push('raised'));
    priority = 'interactive';
    limiter.kick();
    await Promise.all([first, second]);
    expect(order[0]).toBe('raised');
  });

  it('backs off entirely after an upstream "too many", and reports it in the budget', async () => {
    const { limiter, clock } = limiterWith(policy({ perMinute: 30 }));
    await limiter.backOff(20_000);
    const refused = await outcome(limiter.acquire(interactive));
    expect((refused as ApiError).code).toBe('rate_limited');
    expect((refused as ApiError).message).toMatch(/slow down/);
    expect((refused as ApiError).retryAfterSeconds).toBe(20);
    expect((await limiter.budget()).backoffUntil).toBe(new Date(clock.now() + 20_000).toISOString());
    clock.advance(20_000);
    expect(await outcome(limiter.acquire(interactive))).toBe('ok');
    expect((await limiter.budget()).backoffUntil).toBeNull();
  });

  it('reports the budget per window, with the calls of each class', async () => {
    const p = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0 });
    const { limiter, clock } = limiterWith(p);
    await limiter.acquire(interactive);
    clock.advance(10_000);
    await limiter.acquire({ priority: 'backfill' });
    await limiter.acquire(background);
    const budget = await limiter.budget();
    expect(budget.minute).toEqual({
      limit: 30,
      remaining: 27,
      resetAt: new Date(clock.now() - 10_000 + 62_000).toISOString(),
      byClass: { interactive: 1, live: 0, verification: 0, backfill: 1, mau: 0, background: 1 },
    });
    expect(budget.hour.remaining).toBe(297);
    expect(budget.backoffUntil).toBeNull();
    expect(budget.waiting).toBe(0);
    clock.advance(52_000);
    expect((await limiter.budget()).minute.byClass).toMatchObject({ interactive: 0, backfill: 1 });
  });

  it('refuses with 503 when its store is unreachable, rather than guess', async () => {
    const broken: SlidingLogStore = {
      tryAcquire: async () => {
        throw new Error('connection refused');
      },
      state: async () => {
        throw new Error('connection refused');
      },
      backOff: async () => {},
    };
    const p = policy({});
    const limiter = new Limiter(broken, p);
    expect(((await outcome(limiter.acquire(interactive))) as ApiError).code).toBe('unavailable');
    await expect(limiter.budget()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
