import { describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../authy/responses';
import { SlidingLogLimiter } from './rate-limit';
import { api, call, testEmulator } from '@/test/support/emulator';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('rate limits through the API', () => {
  it('refuses the 31st call in a minute with 60003/429 and allows again after the window', async () => {
    const clock = manualClock();
    const emulator = testEmulator({ events: 500, ratePerMinute: 30, ratePerHour: 300, clock: clock.now });
    for (let i = 0; i < 30; i++) {
      expect((await call(emulator, api('events', 'per_page=1'))).status).toBe(200);
      clock.advance(SECOND);
    }
    const refused = await call(emulator, api('events', 'per_page=1'));
    expect(refused.status).toBe(429);
    expect(errorResponseSchema.parse(refused.json()).error_code).toBe('60003');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(emulator.stats().rejected.rate_limited).toBe(1);

    // The oldest call (t=0) leaves the window at t=60 s; now is t=30 s.
    clock.advance(29 * SECOND);
    expect((await call(emulator, api('terms', 'field=event'))).status).toBe(429);
    clock.advance(SECOND);
    expect((await call(emulator, api('terms', 'field=event'))).status).toBe(200);
  });

  it('refuses the 301st call in an hour even when no minute is over 30', async () => {
    const clock = manualClock();
    const emulator = testEmulator({ events: 500, ratePerMinute: 30, ratePerHour: 300, clock: clock.now });
    const started = clock.now();
    for (let i = 0; i < 300; i++) {
      expect((await call(emulator, api('events', 'per_page=1'))).status).toBe(200);
      clock.advance(2_500); // 24 a minute
    }
    const refused = await call(emulator, api('events', 'per_page=1'));
    expect(refused.status).toBe(429);
    expect(errorResponseSchema.parse(refused.json()).error_code).toBe('60003');
    clock.advance(started + 60 * MINUTE - clock.now() - 1);
    expect((await call(emulator, api('events', 'per_page=1'))).status).toBe(429);
    clock.advance(1);
    expect((await call(emulator, api('events', 'per_page=1'))).status).toBe(200);
  });

  it('refused calls do not consume budget', async () => {
    const clock = manualClock();
    const emulator = testEmulator({ events: 500, ratePerMinute: 2, ratePerHour: 300, clock: clock.now });
    await call(emulator, api('events'));
    await call(emulator, api('events'));
    for (let i = 0; i < 10; i++) expect((await call(emulator, api('events'))).status).toBe(429);
    clock.advance(MINUTE);
    expect((await call(emulator, api('events'))).status).toBe(200);
    expect((await call(emulator, api('events'))).status).toBe(200);
  });

  it('a wrong key does not consume budget', async () => {
    const clock = manualClock();
    const emulator = testEmulator({ events: 500, ratePerMinute: 1, ratePerHour: 300, clock: clock.now });
    expect((await call(emulator, api('events'), { key: 'wrong' })).status).toBe(401);
    expect((await call(emulator, api('events'))).status).toBe(200);
  });

  it('reset clears the windows', async () => {
    const emulator = testEmulator({ events: 500, ratePerMinute: 1, ratePerHour: 300, clock: () => 0 });
    await call(emulator, api('events'));
    expect((await call(emulator, api('events'))).status).toBe(429);
    emulator.reset();
    expect((await call(emulator, api('events'))).status).toBe(200);
  });
});

describe('sliding log limiter', () => {
  it('allows 300 an hour, refuses the 301st until the first call is an hour old', () => {
    const clock = manualClock(0);
    const limiter = new SlidingLogLimiter({ perMinute: 30, perHour: 300 }, clock.now);
    // 30 per minute for 10 minutes stays under the minute limit and reaches the hour's.
    for (let minute = 0; minute < 10; minute++) {
      for (let i = 0; i < 30; i++) {
        expect(limiter.take('k').allowed).toBe(true);
        clock.advance(SECOND);
      }
      clock.advance(30 * SECOND);
    }
    const refused = limiter.take('k');
    expect(refused).toEqual({ allowed: false, retryAfterMs: expect.any(Number) });
    if (!refused.allowed) clock.advance(refused.retryAfterMs - 1);
    expect(limiter.take('k').allowed).toBe(false);
    clock.advance(1);
    expect(limiter.take('k').allowed).toBe(true);
    expect(clock.now()).toBe(60 * MINUTE);
  });

  it('keeps separate windows per key', () => {
    const limiter = new SlidingLogLimiter({ perMinute: 1, perHour: 10 }, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });
});
