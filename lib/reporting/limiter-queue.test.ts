/**
 * People queue rather than being refused: fair turns between users, a 429 only for a call not
 * expected to start within the bound (with when it would have), and each person's place in the
 * queue with the time their call should go out.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { Limiter } from './limiter';
import { upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import { MemorySlidingLog } from './sliding-log-memory';
import { ManualClock, settle } from '@/test/support/fakes';

function policyOf(perMinute: number, maxWaitMs: number): LimiterPolicy {
  return {
    ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs, keyPrefix: 'queue' }),
    safetyMarginMs: 0,
    windows: [
      { name: 'minute', limit: perMinute, windowMs: 60_000, reserve: 0 },
      { name: 'hour', limit: 100, windowMs: 3_600_000, reserve: 0 },
    ],
  };
}

function limiterFor(policy: LimiterPolicy) {
  const clock = new ManualClock();
  return { limiter: new Limiter(new MemorySlidingLog(policy), policy, clock), clock, start: clock.now() };
}

/** Queues `n` calls for `user`; each pushes the user's name to `order` when it is let through. */
function queue(limiter: Limiter, user: string, n: number, order: string[]): Promise<unknown>[] {
  return Array.from({ length: n }, () =>
    limiter.acquire({ priority: 'interactive', users: [user] }).then(() => order.push(user)),
  );
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => new Error('admitted'),
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  return error;
}

describe('fair turns among people', () => {
  it('a user who floods gets no more than their share of the window while another user waits', async () => {
    const { limiter, clock, start } = limiterFor(policyOf(6, 600_000));
    const order: string[] = [];
    // Both ask at once, the flooder first: the window's 6 calls go half and half.
    const flood = queue(limiter, 'ana', 9, order);
    const other = queue(limiter, 'bo', 3, order);
    await Promise.all(other);
    expect(order).toEqual(['ana', 'bo', 'ana', 'bo', 'ana', 'bo']);
    // Nobody else waits: the flooder takes the next window whole.
    clock.t = start + 60_001;
    limiter.kick();
    await Promise.all(flood);
    expect(order.slice(6)).toEqual(Array(6).fill('ana'));
  });

  it('serves the waiting user who has had the fewest calls first', async () => {
    const { limiter, clock, start } = limiterFor(policyOf(6, 600_000));
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.acquire({ priority: 'interactive', users: ['ana'] });
      clock.advance(1_000);
    }
    const more = queue(limiter, 'ana', 3, order);
    const other = queue(limiter, 'bo', 3, order);
    // One of ana's calls leaves the window each second; bo, with none, goes first each time.
    for (let i = 0; i < 6; i++) {
      clock.t = start + 60_001 + i * 1_000;
      limiter.kick();
      await settle(5);
    }
    await Promise.all([...more, ...other]);
    expect(order).toEqual(['bo', 'bo', 'bo', 'ana', 'ana', 'ana']);
  });
});

describe('queue, not refusal', () => {
  it('answers 429 only when a call is not expected to start within the bound, saying when it would', async () => {
    const { limiter, clock, start } = limiterFor(policyOf(2, 20_000));
    await limiter.acquire({ priority: 'interactive', users: ['ops'] });
    clock.t = start + 10_000;
    await limiter.acquire({ priority: 'interactive', users: ['ops'] });
    // Slots free at 60 s and 70 s.
    clock.t = start + 30_000;
    const tooLong = await refusal(limiter.acquire({ priority: 'interactive', users: ['ana'] }));
    expect(tooLong).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 30 });

    clock.t = start + 45_000;
    let admitted = false;
    const waits = limiter.acquire({ priority: 'interactive', users: ['ana'] }).then(() => (admitted = true));
    // Behind ana's call, bo's would start at 70 s: 25 s away, past the bound.
    const behind = await refusal(limiter.acquire({ priority: 'interactive', users: ['bo'] }));
    expect(behind.retryAfterSeconds).toBe(25);
    await settle(5);
    expect(admitted).toBe(false);
    clock.t = start + 60_000;
    limiter.kick();
    await waits;
  });

  it('tells a person their place, who is ahead, and when each of their calls should go out', async () => {
    const { limiter, clock, start } = limiterFor(policyOf(3, 120_000));
    for (const at of [0, 10_000, 20_000]) {
      clock.t = start + at;
      await limiter.acquire({ priority: 'interactive', users: ['ops'] });
    }
    clock.t = start + 30_000;
    void limiter.acquire({ priority: 'interactive', users: ['ana'] });
    void limiter.acquire({ priority: 'interactive', users: ['ana'] });
    void limiter.acquire({ priority: 'interactive', users: ['bo'] });
    void limiter.acquire({ priority: 'background', users: ['ana'] });
    await settle(5);
    const at = (ms: number) => new Date(start + ms).toISOString();
    // Turns among people: ana, then bo (fewer calls than ana by then), then ana; the refresh last.
    expect(await limiter.queueState('ana')).toEqual([
      { priority: 'interactive', position: 1, aheadOfYou: 0, estimatedStartAt: at(60_000) },
      { priority: 'interactive', position: 3, aheadOfYou: 1, estimatedStartAt: at(80_000) },
      { priority: 'background', position: 4, aheadOfYou: 1, estimatedStartAt: at(120_000) },
    ]);
    expect(await limiter.queueState('bo')).toEqual([
      { priority: 'interactive', position: 2, aheadOfYou: 1, estimatedStartAt: at(70_000) },
    ]);
    expect(await limiter.queueState('cy')).toEqual([]);
    expect((await limiter.budget()).waiting).toBe(2);
  });
});
