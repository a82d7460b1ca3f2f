/**
 * The route handlers, called directly with a NextRequest and a mocked session, over a service
 * wired to an in-process emulator.
 */
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportingService } from '@/lib/reporting/service';
import { EMULATOR_KEY, NOW, smallEmulator } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { serviceFor } from '@/test/support/services';
import { upstreamLimiterPolicy } from '@/lib/reporting/policies';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'test', role: 'member' }) }));

const holder = vi.hoisted(() => ({ service: undefined as unknown }));
vi.mock('@/lib/services', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/services')>()),
  reportingService: () => holder.service,
}));

const { GET: events } = await import('@/app/api/reporting/events/route');
const { GET: histogram } = await import('@/app/api/reporting/date_histogram/route');
const { GET: terms } = await import('@/app/api/reporting/terms/route');
const { GET: budget } = await import('@/app/api/budget/route');
const { GET: health } = await import('@/app/api/health/route');

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
const seen: string[] = [];

async function call(handler: Handler, path: string, headers: Record<string, string> = {}) {
  const response = await handler(new NextRequest(`http://127.0.0.1:3000${path}`, { headers }), {
    params: Promise.resolve({}),
  });
  const text = await response.text();
  seen.push(text, JSON.stringify([...response.headers]));
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown> & {
      meta?: Record<string, unknown>;
      error?: Record<string, unknown>;
    },
  };
}

let emulatorFetch: ReturnType<typeof smallEmulator>;
const logs: string[][] = [];

function useService(options: { apiKey?: string; perMinute?: number } = {}) {
  emulatorFetch = smallEmulator();
  const built = serviceFor({
    fetch: (request) => emulatorFetch.handle(request),
    apiKey: options.apiKey,
    clock: new ManualClock(NOW),
    // A whole share: half of a 1-a-minute budget would leave the archive's classes no call.
    limiterPolicy: upstreamLimiterPolicy({
      perMinute: options.perMinute ?? 30,
      perHour: 300,
      maxWaitMs: 0,
      archiveShare: 1,
    }),
  });
  holder.service = built.service satisfies ReportingService;
  logs.push(built.logLines);
}

beforeEach(() => useService());

describe('GET /api/reporting/*', () => {
  it('answers events with the upstream JSON plus meta, and says where it came from in X-Cache', async () => {
    const first = await call(events, '/api/reporting/events?query[event][eq]=token_verified&per_page=5&range=30d');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    expect(first.body.success).toBe(true);
    expect(first.body.events).toHaveLength(5);
    expect(first.body.meta).toMatchObject({
      cache: 'miss',
      ageSeconds: 0,
      fetchedAt: new Date(NOW).toISOString(),
      window: { from: '2019-12-17T00:00:00.000Z', to: '2020-01-15T12:00:00.000Z' },
      calls: 1,
      budget: { minute: { limit: 30, remaining: 29 }, hour: { limit: 300, remaining: 299 }, backoffUntil: null },
    });
    const again = await call(events, '/api/reporting/events?per_page=5&query[event][eq]=token_verified&range=30d');
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.body.events).toEqual(first.body.events);
    expect(emulatorFetch.stats().requests.events).toBe(1);
  });

  it('answers the whole histogram series and terms, as the emulator computes them', async () => {
    const h = await call(
      histogram,
      '/api/reporting/date_histogram?report[v][event][eq]=token_verified&interval=day&range=90d',
    );
    expect(h.status).toBe(200);
    const series = (h.body.reports as Record<string, { count: number }[]>).v;
    expect(series.length).toBeGreaterThan(80);
    const t = await call(terms, '/api/reporting/terms?field=objects.device.s_device_type&size=3');
    expect(t.status).toBe(200);
    expect(t.body.terms).toHaveLength(3);
  });

  it('answers bad input with 400 naming the parameter', async () => {
    const bad = await call(terms, '/api/reporting/terms?field=event&scope[time][gte]=2019-01-01&range=7d');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: { code: 'bad_request', message: expect.stringMatching(/range/), field: 'range' },
    });
    const paged = await call(histogram, '/api/reporting/date_histogram?report[a][event][eq]=x&page=101');
    expect(paged.body.error).toMatchObject({ code: 'bad_request', field: 'page', message: 'page must be at most 100' });
  });

  it('answers 429 with Retry-After when the budget is spent', async () => {
    useService({ perMinute: 1 });
    expect((await call(terms, '/api/reporting/terms?field=event')).status).toBe(200);
    const refused = await call(terms, '/api/reporting/terms?field=objects.user.s_country_code');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' });
  });

  it('says the key was refused (502) without showing it', async () => {
    useService({ apiKey: 'wrong-key-7c1e' });
    const refused = await call(terms, '/api/reporting/terms?field=event');
    expect(refused.status).toBe(502);
    expect(refused.body.error).toEqual({
      code: 'upstream_refused',
      message: 'The Authy API refused the API key. Check AUTHY_API_KEY.',
    });
    expect(JSON.stringify(refused.body)).not.toContain('wrong-key-7c1e');
  });

  it('passes X-Priority: background on to the limiter', async () => {
    useService({ perMinute: 10 }); // a background request may not take the last slot (reserve 1); pages of 100 share no upstream page
    for (let i = 0; i < 9; i++) {
      const r = await call(events, `/api/reporting/events?page=${i + 1}&per_page=100`, { 'X-Priority': 'background' });
      expect(r.status).toBe(200);
    }
    expect(
      (await call(events, '/api/reporting/events?page=20&per_page=100', { 'X-Priority': 'background' })).status,
    ).toBe(429);
    expect((await call(events, '/api/reporting/events?page=20&per_page=100')).status).toBe(200);
  });
});

describe('GET /api/budget and /api/health', () => {
  it('reports the budget', async () => {
    await call(terms, '/api/reporting/terms?field=event');
    const b = await call(budget, '/api/budget');
    expect(b.status).toBe(200);
    const oneCall = { interactive: 1, live: 0, verification: 0, backfill: 0, mau: 0, background: 0 };
    expect(b.body).toEqual({
      minute: { limit: 30, remaining: 29, resetAt: new Date(NOW + 62_000).toISOString(), byClass: oneCall },
      hour: { limit: 300, remaining: 299, resetAt: new Date(NOW + 3_602_000).toISOString(), byClass: oneCall },
      backoffUntil: null,
      waiting: 0,
      queue: [],
    });
  });

  it('reports liveness and mode, nothing else', async () => {
    const h = await call(health, '/api/health');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ status: 'ok', mode: expect.stringMatching(/^(demo|live)$/) });
  });
});

describe('the API key', () => {
  it('never appears in any response, header or log line of this file', () => {
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.join('\n')).not.toContain(EMULATOR_KEY);
    expect(logs.flat().join('\n')).not.toContain(EMULATOR_KEY);
  });
});
