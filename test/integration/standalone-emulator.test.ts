/**
 * The service against the standalone emulator over HTTP, counting the calls that reach it with
 * `/__emulator/stats`: de-duplication, caching, coalescing, the rate limit and faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/api/route';
import { ApiError } from '@/lib/api/errors';
import type { HistogramResponse } from '@/lib/authy/responses';
import type { Report } from '@/lib/authy/bracket-codec';
import { upstreamLimiterPolicy, type LimiterPolicy } from '@/lib/reporting/policies';
import { EMULATOR_KEY, NOW, smallEmulator, standaloneEmulator, totalRequests } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { httpServiceFor } from '@/test/support/services';

type Standalone = Awaited<ReturnType<typeof standaloneEmulator>>;
let upstream: Standalone;

beforeAll(async () => {
  upstream = await standaloneEmulator();
});
afterAll(() => upstream.close());
beforeEach(async () => {
  await upstream.reset();
  await upstream.faults({ error500: 0, timeout: 0, malformed: 0, tooMany: 0, latencyMs: 0 });
});

/** Question n: a scope of its own, since terms of every size share one call (terms-sharing.ts). */
const terms = (n: number, field = 'event') => ({
  field,
  size: 10,
  scope: [{ attribute: 'time', operator: 'lt' as const, value: new Date(NOW - n * 60_000).toISOString() }],
});
const report = (name: string, event: string): Report => ({
  name,
  conditions: [{ attribute: 'event', operator: 'eq', value: event }],
});

async function settled<T>(promise: Promise<T>): Promise<T | ApiError> {
  return promise.catch((error: unknown) => {
    if (error instanceof ApiError) return error;
    throw error;
  });
}

describe('de-duplication and cache', () => {
  it('sends 50 concurrent identical requests as 1 upstream call, and a repeat within the TTL as none', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    const results = await Promise.all(Array.from({ length: 50 }, () => service.terms(terms(5))));
    expect(totalRequests(await upstream.stats())).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    const repeat = await service.terms(terms(5));
    expect(repeat.meta.cache).toBe('hit');
    expect(totalRequests(await upstream.stats())).toBe(1);
  });
});

describe('coalescing', () => {
  it('answers 3 series asked for in the same tick with 1 upstream call, each as the emulator computes it alone', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    const asked = [
      report('verified', 'token_verified'),
      report('invalid', 'token_invalid'),
      report('verified', 'user_added'),
    ];
    const scope = [{ attribute: 'time', operator: 'gte' as const, value: '2019-11-01T00:00:00.000Z' }];
    const results = await Promise.all(asked.map((r) => service.histogram({ reports: [r], scope, interval: 'day' })));
    const stats = await upstream.stats();
    expect(stats.requests.date_histogram).toBe(1);

    // The same data set, asked directly, one series per call.
    const twin = smallEmulator({ ratePerMinute: 1_000, ratePerHour: 1_000 });
    for (const [i, r] of asked.entries()) {
      const url = `http://emulator.invalid/protected/json/reporting/date_histogram?report[${r.name}][event][eq]=${r.conditions[0].value}&scope[time][gte]=${scope[0].value}&interval=day&page=1&per_page=100`;
      const direct = (await (
        await twin.handle(new Request(url, { headers: { 'X-Authy-API-Key': EMULATOR_KEY } }))
      ).json()) as HistogramResponse;
      expect(results[i].data.reports).toEqual(direct.reports);
      expect(results[i].data.reports[r.name].length).toBeGreaterThan(50);
    }
  });
});

describe('rate limit', () => {
  it('at the real figures: of 100 distinct queries at once, 30 reach the emulator, none refused by it, the rest get 429 + Retry-After', async () => {
    const policy = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 300 });
    const { service } = httpServiceFor(upstream.url, { limiterPolicy: policy });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => settled(service.terms(terms(i + 1)))));
    const refused = results.filter((r): r is ApiError => r instanceof ApiError);
    expect(results.length - refused.length).toBe(30);
    expect(refused).toHaveLength(70);
    for (const error of refused) {
      expect(error.code).toBe('rate_limited');
      const response = errorResponse(error);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(55);
    }
    const stats = await upstream.stats();
    expect(totalRequests(stats)).toBe(30);
    expect(stats.rejected.rate_limited).toBe(0);
    expect((await service.budget()).minute.remaining).toBe(0);
  });

  it('over time: 100 distinct queries all get through, never more than the limit in any window, never refused upstream', async () => {
    // Time runs 30× faster for this emulator: its minute is two real seconds, its hour two minutes.
    const t0 = Date.now();
    const fast = await standaloneEmulator({ clock: () => t0 + (Date.now() - t0) * 30 });
    try {
      const policy: LimiterPolicy = {
        ...upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 30_000 }),
        windows: [
          { name: 'minute', limit: 30, windowMs: 2_000, reserve: 3 },
          { name: 'hour', limit: 300, windowMs: 120_000, reserve: 30 },
        ],
        // Proportionally larger than the real 2 s: this worker also runs the emulator, which
        // works through a burst of 30 calls one after another, on a machine that may be busy.
        safetyMarginMs: 800,
      };
      const { service, sent } = httpServiceFor(fast.url, { limiterPolicy: policy, timeoutMs: 10_000 });
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => settled(service.terms(terms(i + 1)))));
      expect(results.filter((r) => r instanceof ApiError).map((e) => (e as ApiError).message)).toEqual([]);
      const stats = await fast.stats();
      expect(totalRequests(stats)).toBe(100);
      expect(stats.rejected.rate_limited).toBe(0);
      sent.sort((a, b) => a - b);
      for (let i = 0; i + 30 < sent.length; i++) expect(sent[i + 30] - sent[i]).toBeGreaterThanOrEqual(2_000);
    } finally {
      await fast.close();
    }
  });
});

describe('faults', () => {
  it('serves stale data where cached, clear errors otherwise, and keeps going', async () => {
    const clock = new ManualClock(NOW);
    const { service, logLines } = httpServiceFor(upstream.url, { clock, timeoutMs: 1_500 });
    await service.terms(terms(3));
    clock.advance(61_000);
    const uncached = (n: number) => settled(service.terms(terms(n, 'objects.user.s_country_code')));

    await upstream.faults({ error500: 1 });
    expect((await service.terms(terms(3))).meta.cache).toBe('stale');
    expect(await uncached(1)).toMatchObject({
      code: 'upstream_error',
      message: expect.stringMatching(/The Authy API failed \(HTTP 50[03]/),
    });

    await upstream.faults({ error500: 0, timeout: 1 });
    expect(await uncached(2)).toMatchObject({ code: 'upstream_timeout', status: 504 });

    await upstream.faults({ timeout: 0, malformed: 1 });
    expect(await uncached(3)).toMatchObject({
      code: 'upstream_error',
      status: 502,
      message: expect.stringMatching(/not valid JSON|expected shape/),
    });
    expect((await service.terms(terms(3))).meta.cache).toBe('stale');

    await upstream.faults({ malformed: 0, tooMany: 1 });
    expect(await uncached(4)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 60 });
    const before = totalRequests(await upstream.stats());
    expect(await uncached(5)).toMatchObject({ code: 'rate_limited' });
    expect((await service.terms(terms(3))).meta.cache).toBe('stale');
    expect(totalRequests(await upstream.stats())).toBe(before);
    expect((await service.budget()).backoffUntil).not.toBeNull();

    await upstream.faults({ tooMany: 0 });
    clock.advance(60_000);
    expect(await service.terms(terms(6, 'objects.user.s_country_code'))).toMatchObject({ meta: { cache: 'miss' } });
    expect(logLines.join('\n')).not.toContain(EMULATOR_KEY);
  });
});
