import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { Report } from '../authy/bracket-codec';
import type { HistogramResponse } from '../authy/responses';
import type { TermsQuery } from '../authy/schemas';
import type { CacheEntry, CacheStore } from './cache-store';
import { MemoryCache } from './memory-cache';
import { upstreamLimiterPolicy } from './policies';
import {
  ManualClock,
  T0,
  TEST_KEY,
  buckets,
  defaultAnswer,
  fakeUpstream,
  reportNames,
  settle,
} from '@/test/support/fakes';
import { testService } from '@/test/support/services';

const terms = (field = 'event', scope: TermsQuery['scope'] = []): TermsQuery => ({ field, size: 10, scope });
const iso = (ms: number) => new Date(ms).toISOString();
/** Where the fake upstream's buckets start (see `buckets`), minute by minute. */
const DATA_FROM = T0 - 86_400_000;
const minutes = (n: number): TermsQuery['scope'] => [
  { attribute: 'time', operator: 'gte', value: iso(DATA_FROM) },
  { attribute: 'time', operator: 'lt', value: iso(DATA_FROM + n * 60_000) },
];
const series = (...reports: Report[]) => ({ reports, scope: minutes(300), interval: 'minute' as const });
const report = (name: string, event: string): Report => ({
  name,
  conditions: [{ attribute: 'event', operator: 'eq', value: event }],
});

class RecordingStore implements CacheStore {
  readonly writes: string[] = [];
  private readonly inner = new MemoryCache({ maxBytes: 1e6 });
  get(key: string) {
    return this.inner.get(key);
  }
  async set(key: string, entry: CacheEntry, ttlMs: number) {
    this.writes.push(key);
    await this.inner.set(key, entry, ttlMs);
  }
}

describe('ReportingService cache and de-duplication', () => {
  it('a request planned to join a call in flight uses its answer when the call lands before it runs', async () => {
    let land = () => {};
    const landed = new Promise<void>((resolve) => (land = resolve));
    const answer = defaultAnswer();
    const upstream = fakeUpstream(async (url, request) => {
      await landed;
      return answer(url, request);
    });
    // Reading the held unfiltered answer (terms-sharing.ts) takes until the call has landed.
    let unfilteredReads = 0;
    const slowCache = new (class extends RecordingStore {
      async get(key: string) {
        if (key === 'terms?field=event&size=100' && ++unfilteredReads === 2) {
          land();
          await settle();
        }
        return super.get(key);
      }
    })();
    const { service } = testService({ fetch: upstream.fetch, cache: slowCache });
    const filtered = terms('event', [{ attribute: 'event', operator: 'eq', value: 'token_invalid' }]);
    const first = service.terms(filtered);
    await settle(5);
    const second = await service.terms(filtered);
    expect((await first).data).toEqual(second.data);
    expect(second.meta.calls).toBe(0);
    expect(upstream.calls).toHaveLength(1);
  });

  it('makes one upstream call for 50 concurrent identical requests, and none for a repeat', async () => {
    const upstream = fakeUpstream();
    const { service } = testService({ fetch: upstream.fetch });
    const results = await Promise.all(Array.from({ length: 50 }, () => service.terms(terms())));
    expect(upstream.calls).toHaveLength(1);
    expect(results.every((r) => r.meta.cache === 'miss')).toBe(true);
    const again = await service.terms(terms());
    expect(upstream.calls).toHaveLength(1);
    expect(again.meta).toMatchObject({ cache: 'hit', ageSeconds: 0 });
    expect(again.data).toEqual(results[0].data);
    expect(again.meta.budget.minute).toMatchObject({ limit: 30, remaining: 29 });
  });

  it('serves stale after the TTL while exactly one background refresh runs, then the fresh answer', async () => {
    const upstream = fakeUpstream();
    const { service, clock } = testService({ fetch: upstream.fetch });
    const first = await service.terms(terms());
    (clock as ManualClock).advance(61_000);
    const stale = await Promise.all(Array.from({ length: 10 }, () => service.terms(terms())));
    expect(stale.map((r) => r.meta.cache)).toEqual(Array(10).fill('stale'));
    expect(stale[0].meta.ageSeconds).toBe(61);
    expect(stale[0].meta.fetchedAt).toBe(first.meta.fetchedAt);
    await settle();
    expect(upstream.calls).toHaveLength(2);
    const fresh = await service.terms(terms());
    expect(fresh.meta).toMatchObject({ cache: 'hit', ageSeconds: 0 });
  });

  it('treats an answer older than the max stale age as a miss', async () => {
    const upstream = fakeUpstream();
    const { service, clock } = testService({
      fetch: upstream.fetch,
      cache: new MemoryCache({ maxBytes: 1e6 }),
      clock: new ManualClock(),
    });
    await service.terms(terms());
    (clock as ManualClock).advance(3_601_000);
    // The store still holds it (its TTL runs on real time); the service itself refuses to serve it.
    expect((await service.terms(terms())).meta.cache).toBe('miss');
    expect(upstream.calls).toHaveLength(2);
  });

  it('keeps a settled window for a long time and writes it to the persistent tier; reads it back on a cold start', async () => {
    const upstream = fakeUpstream();
    const persistent = new RecordingStore();
    const clock = new ManualClock();
    const settled = terms('event', [
      { attribute: 'time', operator: 'lt', value: new Date(clock.now() - 3_600_000).toISOString() },
    ]);
    const touchingNow = terms('event', [
      { attribute: 'time', operator: 'gte', value: new Date(clock.now() - 3_600_000).toISOString() },
    ]);
    const { service } = testService({ fetch: upstream.fetch, persistent, clock });
    await service.terms(settled);
    await service.terms(touchingNow);
    expect(persistent.writes).toHaveLength(1);
    clock.advance(7 * 24 * 3_600_000);
    expect((await service.terms(settled)).meta.cache).toBe('hit');

    const restarted = testService({ fetch: upstream.fetch, persistent, clock });
    expect((await restarted.service.terms(settled)).meta.cache).toBe('hit');
    expect(upstream.calls).toHaveLength(2);
  });
});

describe('ReportingService histograms', () => {
  it('pages through a long series (100 buckets a page) and merges it', async () => {
    const upstream = fakeUpstream(defaultAnswer({ bucketsPerSeries: 250 }));
    const { service } = testService({ fetch: upstream.fetch });
    const result = await service.histogram(series(report('a', 'token_verified')));
    expect(upstream.calls.map((u) => [u.searchParams.get('page'), u.searchParams.get('per_page')])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    expect(result.data.reports.a).toEqual(buckets('a', 250));
  });

  it('stops at a page that adds nothing (an upstream that ignores paging)', async () => {
    const upstream = fakeUpstream(() =>
      Response.json({ interval: 'minute', reports: { a: buckets('a', 100) }, success: true }),
    );
    const { service } = testService({ fetch: upstream.fetch });
    const result = await service.histogram(series(report('a', 'x')));
    // A window of 300 minutes holds at most 3 pages; the second one adding nothing ends it.
    expect(upstream.calls).toHaveLength(2);
    expect(result.data.reports.a).toHaveLength(100);
  });

  it('coalesces series asked for in the same tick into one call, and keeps each for the next ask', async () => {
    const upstream = fakeUpstream();
    const { service } = testService({ fetch: upstream.fetch });
    const asked = [
      series(report('verified', 'token_verified')),
      series(report('invalid', 'token_invalid')),
      series(report('a', 'user_added')),
    ];
    const results = await Promise.all(asked.map((q) => service.histogram(q)));
    expect(upstream.calls).toHaveLength(1);
    expect(reportNames(upstream.calls[0])).toEqual(['a', 'invalid', 'verified']);
    expect(results.map((r) => Object.keys(r.data.reports))).toEqual([['verified'], ['invalid'], ['a']]);
    const again = await Promise.all(asked.map((q) => service.histogram(q)));
    expect(again.map((r) => r.meta.cache)).toEqual(['hit', 'hit', 'hit']);
    expect(upstream.calls).toHaveLength(1);
  });
});

describe('ReportingService budget and failures', () => {
  it('answers 429 with Retry-After once the budget is spent, but serves stale data where it has some', async () => {
    const upstream = fakeUpstream();
    const policy = upstreamLimiterPolicy({ perMinute: 2, perHour: 100, maxWaitMs: 0 });
    const { service, clock } = testService({ fetch: upstream.fetch, limiterPolicy: policy });
    await service.terms(terms('a'));
    await service.terms(terms('b'));
    const refused = await service.terms(terms('c')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 62 });
    (clock as ManualClock).advance(61_000);
    // Budget still spent (62 s window): the stale answer is served, the refresh is refused quietly.
    expect((await service.terms(terms('a'))).meta.cache).toBe('stale');
    await settle();
    expect(upstream.calls).toHaveLength(2);
  });

  it('a background request may not take the last slots of the minute', async () => {
    const upstream = fakeUpstream();
    const policy = upstreamLimiterPolicy({ perMinute: 4, perHour: 100, maxWaitMs: 0 });
    const { service } = testService({ fetch: upstream.fetch, limiterPolicy: policy });
    for (const field of ['a', 'b', 'c']) await service.terms(terms(field), { priority: 'background' });
    await expect(service.terms(terms('d'), { priority: 'background' })).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(service.terms(terms('d'))).resolves.toMatchObject({ meta: { cache: 'miss' } });
  });

  it('backs off for a minute after a "suspended" answer without Retry-After, and says so in Retry-After', async () => {
    const upstream = fakeUpstream(() =>
      Response.json({ error_code: '60057', message: 'Temporarily suspended', success: false }, { status: 503 }),
    );
    const { service } = testService({ fetch: upstream.fetch });
    await expect(service.terms(terms('a'))).rejects.toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfterSeconds: 60,
    });
    await expect(service.terms(terms('b'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 60 });
    expect(upstream.calls).toHaveLength(1);
  });

  it('stops calling everywhere after an upstream 429, for its Retry-After', async () => {
    let tooMany = true;
    const upstream = fakeUpstream((url, request) =>
      tooMany
        ? Response.json(
            { error_code: '60003', message: 'Too many', success: false },
            { status: 429, headers: { 'Retry-After': '30' } },
          )
        : defaultAnswer()(url, request),
    );
    const { service, clock } = testService({ fetch: upstream.fetch });
    await expect(service.terms(terms('a'))).rejects.toMatchObject({ code: 'rate_limited' });
    tooMany = false;
    await expect(service.terms(terms('b'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    expect(upstream.calls).toHaveLength(1);
    expect((await service.budget()).backoffUntil).toBe(new Date(clock.now() + 30_000).toISOString());
    (clock as ManualClock).advance(30_000);
    await expect(service.terms(terms('b'))).resolves.toMatchObject({ meta: { cache: 'miss' } });
  });

  it('serves stale data when the refresh fails, logs it once, and does not hammer the upstream', async () => {
    let failing = false;
    const upstream = fakeUpstream((url, request) =>
      failing ? new Response('<html>oops</html>', { status: 500 }) : defaultAnswer()(url, request),
    );
    const { service, clock, logLines } = testService({ fetch: upstream.fetch });
    await service.terms(terms());
    failing = true;
    (clock as ManualClock).advance(61_000);
    for (let i = 0; i < 5; i++) {
      expect((await service.terms(terms())).meta.cache).toBe('stale');
      await settle(5);
    }
    expect(upstream.calls).toHaveLength(2);
    expect(logLines.filter((l) => l.includes('background refresh failed'))).toHaveLength(1);
  });

  it('gives clear errors when nothing is cached, and never puts the key in an error or a log line', async () => {
    const upstream = fakeUpstream(() => Promise.reject(new TypeError(`socket hang up (key ${TEST_KEY})`)));
    const { service, logLines } = testService({ fetch: upstream.fetch });
    const error = await service.terms(terms()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_error', message: 'The Authy API could not be reached.' });
    expect(JSON.stringify(error)).not.toContain(TEST_KEY);
    expect(String((error as Error).cause)).not.toContain(TEST_KEY);
    expect(logLines.join('\n')).not.toContain(TEST_KEY);
  });
});

describe('ReportingService ranges', () => {
  it('resolves a range on the server with now floored to its snap, so viewers within the slot share one key', async () => {
    const upstream = fakeUpstream();
    const clock = new ManualClock(Date.UTC(2024, 0, 15, 12, 0, 10));
    const { service } = testService({ fetch: upstream.fetch, clock });
    const first = await service.terms(terms(), { range: '24h' });
    clock.advance(30_000);
    const second = await service.terms(terms(), { range: '24h' });
    expect(upstream.calls).toHaveLength(1);
    expect(second.meta.cache).toBe('hit');
    expect(first.meta.window).toEqual({ from: '2024-01-14T12:00:00.000Z', to: '2024-01-15T12:00:00.000Z' });
    expect(upstream.calls[0].searchParams.get('scope[time][gte]')).toBe('2024-01-14T12:00:00.000Z');
    expect(upstream.calls[0].searchParams.get('scope[time][lt]')).toBe('2024-01-15T12:00:00.000Z');

    await service.events({ query: [], page: 1, per_page: 50 }, { range: '1h' });
    expect(upstream.calls[1].searchParams.get('query[time][lt]')).toBe('2024-01-15T12:00:00.000Z');
    const h = await service.histogram({ reports: [report('a', 'x')], scope: [], interval: 'hour' }, { range: '7d' });
    expect(upstream.calls[2].searchParams.get('scope[time][gte]')).toBe('2024-01-09T00:00:00.000Z');
    expect((h.data as HistogramResponse).reports.a).toHaveLength(3);
  });

  it('answers compare=previous over the window and the same span just before, and says which is which', async () => {
    const upstream = fakeUpstream();
    const clock = new ManualClock(Date.UTC(2024, 0, 15, 12, 3, 0));
    const { service } = testService({ fetch: upstream.fetch, clock });
    const got = await service.histogram(
      { reports: [report('a', 'x')], scope: [], interval: 'day' },
      { range: '30d', compare: 'previous' },
    );
    expect(got.meta.window).toEqual({ from: '2023-12-17T00:00:00.000Z', to: '2024-01-15T12:00:00.000Z' });
    expect(got.meta.previous).toEqual({ from: '2023-11-17T12:00:00.000Z', to: '2023-12-17T00:00:00.000Z' });
    expect(upstream.calls[0].searchParams.get('scope[time][gte]')).toBe('2023-11-17T12:00:00.000Z');
    expect(upstream.calls[0].searchParams.get('scope[time][lt]')).toBe('2024-01-15T12:00:00.000Z');
  });
});

describe('ReportingService plans before it spends', () => {
  const wide = { reports: [report('a', 'x')], scope: minutes(1_440), interval: 'minute' as const };

  it('refuses a request over the cap with 422 naming its cost, having spent nothing', async () => {
    const upstream = fakeUpstream(defaultAnswer({ bucketsPerSeries: 1_440 }));
    const { service } = testService({ fetch: upstream.fetch });
    expect(await service.cost({ endpoint: 'date_histogram', query: wide })).toBe(15);
    const refused = await service.histogram(wide).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'over_call_cap', status: 422, cost: { calls: 15, cap: 10 } });
    expect((refused as ApiError).message).toContain('15 upstream calls');
    expect(upstream.calls).toHaveLength(0);
    await expect(service.histogram(wide, { acceptedCost: 14 })).rejects.toMatchObject({ code: 'over_call_cap' });
    expect(upstream.calls).toHaveLength(0);
  });

  it('runs it once the person accepted the cost, and spends what the plan said', async () => {
    const upstream = fakeUpstream(defaultAnswer({ bucketsPerSeries: 1_440 }));
    const { service } = testService({ fetch: upstream.fetch });
    const got = await service.histogram(wide, { acceptedCost: 15 });
    expect(upstream.calls).toHaveLength(15);
    expect(got.meta.calls).toBe(15);
    expect(got.data.reports.a).toHaveLength(1_440);
    // Held now: asking again costs nothing, and the plan says so.
    expect(await service.cost({ endpoint: 'date_histogram', query: wide })).toBe(0);
    expect((await service.histogram(wide)).meta.calls).toBe(0);
    expect(upstream.calls).toHaveLength(15);
  });

  it('plans 0 calls for a cached answer and 1 for a miss, and says so in meta.calls', async () => {
    const upstream = fakeUpstream();
    const { service } = testService({ fetch: upstream.fetch });
    expect(await service.cost({ endpoint: 'terms', query: terms() })).toBe(1);
    expect((await service.terms(terms())).meta.calls).toBe(1);
    expect(await service.cost({ endpoint: 'terms', query: terms() })).toBe(0);
    expect((await service.terms(terms())).meta.calls).toBe(0);
    expect(await service.cost({ endpoint: 'events', query: { query: [], page: 3, per_page: 25 } })).toBe(1);
  });
});

describe('ReportingService reuses what it paid for', () => {
  it('serves the previous slot of a moved range for terms, stale-marked, while one refresh runs', async () => {
    const upstream = fakeUpstream();
    const clock = new ManualClock(Date.UTC(2024, 0, 15, 12, 0, 10));
    const { service } = testService({ fetch: upstream.fetch, clock });
    const first = await service.terms(terms(), { range: '7d' });
    clock.advance(5 * 60_000);
    const moved = await Promise.all(Array.from({ length: 5 }, () => service.terms(terms(), { range: '7d' })));
    expect(moved.map((m) => m.meta.cache)).toEqual(Array(5).fill('stale'));
    expect(moved[0].meta.window).toEqual(first.meta.window);
    expect(moved.map((m) => m.meta.calls)).toEqual([1, 0, 0, 0, 0]);
    await settle();
    expect(upstream.calls).toHaveLength(2);
    const fresh = await service.terms(terms(), { range: '7d' });
    expect(fresh.meta).toMatchObject({ cache: 'hit', calls: 0 });
    expect(fresh.meta.window?.to).toBe('2024-01-15T12:05:00.000Z');
  });

  it('serves the last answer of the same range instead of a 429 when the budget is spent', async () => {
    const upstream = fakeUpstream();
    const policy = upstreamLimiterPolicy({ perMinute: 2, perHour: 100, maxWaitMs: 0 });
    const clock = new ManualClock(Date.UTC(2024, 0, 15, 12, 0, 10));
    const { service } = testService({ fetch: upstream.fetch, limiterPolicy: policy, clock });
    const hist = { reports: [report('a', 'x')], scope: [], interval: 'hour' as const };
    await service.histogram(hist, { range: '24h' });
    await service.terms(terms('b'));
    clock.advance(60_000);
    const got = await service.histogram(hist, { range: '24h' });
    expect(got.meta.cache).toBe('stale');
    expect(got.meta.window?.to).toBe('2024-01-15T12:00:00.000Z');
  });
});
