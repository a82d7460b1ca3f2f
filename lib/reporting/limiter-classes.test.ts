/**
 * Classes and shares: a higher class always goes first; the archive's classes together never
 * take more than their share of either window, and take exactly that much while nobody else
 * calls; every class but people leaves the last slots of each window alone.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { Limiter } from './limiter';
import { ARCHIVE_CLASSES, upstreamLimiterPolicy, type LimiterPolicy } from './policies';
import { PRIORITIES, type Priority } from './priorities';
import { spanOf } from './sliding-log';
import { MemorySlidingLog } from './sliding-log-memory';
import { ManualClock, settle } from '@/test/support/fakes';

const real = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0 });

function limiterFor(policy: LimiterPolicy) {
  const clock = new ManualClock();
  return { limiter: new Limiter(new MemorySlidingLog(policy), policy, clock), clock };
}

async function admitted(limiter: Limiter, priority: Priority): Promise<boolean> {
  try {
    await limiter.acquire({ priority });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'rate_limited') return false;
    throw error;
  }
}

/** The most calls any rolling window of `span` holds. */
function busiest(times: number[], span: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= span) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

/** Asks `perSecond` times a second for `seconds`, cycling through `classes`; returns when each was admitted. */
async function flood(limiter: Limiter, clock: ManualClock, classes: readonly Priority[], seconds: number) {
  const times: number[] = [];
  for (let s = 0; s < seconds; s++) {
    for (const priority of classes) if (await admitted(limiter, priority)) times.push(clock.now());
    clock.advance(1_000);
  }
  return times;
}

describe('limiter classes', () => {
  it('serves the waiting classes highest first as slots free', async () => {
    const policy: LimiterPolicy = {
      ...real,
      safetyMarginMs: 0,
      windows: [
        { name: 'minute', limit: PRIORITIES.length, windowMs: 60_000, reserve: 0 },
        { name: 'hour', limit: 100, windowMs: 3_600_000, reserve: 0 },
      ],
      shares: [],
    };
    const { limiter, clock } = limiterFor(policy);
    const start = clock.now();
    for (let i = 0; i < PRIORITIES.length; i++) {
      await limiter.acquire({ priority: 'interactive' });
      clock.advance(1_000);
    }
    const order: Priority[] = [];
    const waiting = [...PRIORITIES]
      .reverse()
      .map((priority) => limiter.acquire({ priority }, { maxWaitMs: 600_000 }).then(() => order.push(priority)));
    // One slot frees each second (the first calls leave the window one by one).
    for (let i = 0; i < PRIORITIES.length; i++) {
      clock.t = start + policy.windows[0].windowMs + i * 1_000 + 1;
      limiter.kick();
      await settle(5);
      expect(order).toHaveLength(i + 1);
    }
    await Promise.all(waiting);
    expect(order).toEqual(PRIORITIES);
  });

  it('gives the archive exactly its share of both windows while people are idle, and people still get the rest', async () => {
    const { limiter, clock } = limiterFor(real);
    const [minute, hour] = real.windows;
    // Three archive calls asked for every second for 70 minutes: it saturates.
    const times = await flood(limiter, clock, ARCHIVE_CLASSES, 70 * 60);
    expect(busiest(times, spanOf(real, minute.windowMs))).toBe(15);
    expect(busiest(times, spanOf(real, hour.windowMs))).toBe(150);
    // Its first minute, then its first hour, exactly the share.
    expect(times.filter((t) => t < times[0] + spanOf(real, minute.windowMs))).toHaveLength(15);
    expect(times.filter((t) => t < times[0] + spanOf(real, hour.windowMs))).toHaveLength(150);
    const budget = await limiter.budget();
    const archiveCalls = (w: typeof budget.minute) => ARCHIVE_CLASSES.reduce((n, c) => n + w.byClass[c], 0);
    expect(archiveCalls(budget.hour)).toBe(150);
    // The other half is the people's: the rest of this minute (its archive calls included, 30).
    const people = await flood(limiter, clock, Array(40).fill('interactive'), 1);
    expect(people).toHaveLength(30 - archiveCalls(budget.minute));
    expect(await admitted(limiter, 'live')).toBe(false);
  });

  it('never lets a class below people take the last slots of either window', async () => {
    const { limiter, clock } = limiterFor(real);
    const [minute, hour] = real.windows;
    // 27 a minute fill the hour's 270 in ten minutes; then nothing until the first leave it.
    const times = await flood(limiter, clock, ['background', 'mau', 'background'], 12 * 60);
    expect(busiest(times, spanOf(real, minute.windowMs))).toBe(minute.limit - minute.reserve);
    expect(times).toHaveLength(hour.limit - hour.reserve);
    // The hour's last 30 slots are still there, for people only.
    expect(await flood(limiter, clock, ['mau', 'background'], 1)).toEqual([]);
    expect(await flood(limiter, clock, Array(40).fill('interactive'), 1)).toHaveLength(hour.reserve);
  });
});
