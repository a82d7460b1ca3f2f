/**
 * Cost before spending, end to end: for every page of the dashboard, GET /api/plan says what
 * opening it would spend, and sending the page's requests through the real routes and wiring
 * (live mode, pointed at a standalone emulator whose data reaches up to now) spends exactly
 * that, as the emulator counts it; a second pass plans and spends nothing. A request over the
 * per-request cap is refused with 422 before any call. (A histogram of more than 100 buckets
 * is planned at a call per 100; where its scope matches in fewer it stops paging sooner, so it
 * spends at most its plan.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulator } from '@/lib/emulator';
import { startEmulatorServer } from '@/lib/emulator/server';
import { EMULATOR_KEY, totalRequests, type EmulatorStats } from '@/test/support/emulator';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'vera', role: 'viewer' }) }));

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
type Endpoint = 'events' | 'date_histogram' | 'terms' | 'mau' | 'plan';
let routes: Record<Endpoint, Handler>;
let server: Awaited<ReturnType<typeof startEmulatorServer>>;

const stats = async () => (await (await fetch(`${server.url}/__emulator/stats`)).json()) as EmulatorStats;
const spentSoFar = async () => totalRequests(await stats());

beforeAll(async () => {
  const emulator = createEmulator({
    seed: 11,
    events: 20_000,
    now: Date.now(),
    apiKey: EMULATOR_KEY,
    ratePerMinute: 1e6,
    ratePerHour: 1e6,
  });
  server = await startEmulatorServer({ emulator, port: 0 });
  Object.assign(process.env, {
    AUTHY_API_KEY: EMULATOR_KEY,
    AUTHY_API_URL: server.url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'plan-pages-')),
    // What is measured here is what each request spends, not how the minute is shared.
    RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_HOUR: '100000',
  });
  routes = {
    events: (await import('@/app/api/reporting/events/route')).GET,
    date_histogram: (await import('@/app/api/reporting/date_histogram/route')).GET,
    terms: (await import('@/app/api/reporting/terms/route')).GET,
    mau: (await import('@/app/api/mau/route')).GET,
    plan: (await import('@/app/api/plan/route')).GET,
  };
});
afterAll(() => server.close());

async function call(url: string, headers: Record<string, string> = {}) {
  const { pathname } = new URL(url, 'http://127.0.0.1');
  const endpoint = (pathname.split('/').pop() ?? '') as Endpoint;
  const response = await routes[endpoint](new NextRequest(`http://127.0.0.1${url}`, { headers }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type Plan = { calls: number; requests: { url: string; calls: number }[] };

/** Plans a page, then opens it as the page does (its requests at once); what it spent, by the emulator. */
async function open(page: string): Promise<{ plan: Plan; spent: number }> {
  const planned = await call(`/api/plan?path=${encodeURIComponent(page)}`);
  expect(planned.status, JSON.stringify(planned.body)).toBe(200);
  const plan = planned.body as unknown as Plan;
  const before = await spentSoFar();
  const answers = await Promise.all(plan.requests.map((r) => call(r.url)));
  for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
  return { plan, spent: (await spentSoFar()) - before };
}

const PAGES = [
  '/',
  '/?range=24h',
  '/?range=12mo&utc=true',
  '/events',
  '/events?range=7d&f=event~eq~token_invalid&page=2&per_page=25',
  '/histogram',
  '/histogram?range=7d&interval=6h&f=objects.device.s_device_type~eq~iphone',
  '/terms',
  '/terms?field=event&size=5&range=90d',
  '/terms?field=event&f=event~eq~token_invalid',
  '/users',
  '/users?range=30d',
  '/reports',
];

/**
 * Both passes must see the same windows: every range snaps to whole minutes (some to 5, 15 or
 * 60), so the passes start with at least 20 s left in the minute. A pass that crossed one paid
 * for the moved windows' open buckets again, as it should.
 */
async function clearOfASlotBoundary(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('GET /api/plan', () => {
  it('says what every page spends when it is opened, exactly, and nothing the second time', async () => {
    await clearOfASlotBoundary();
    const first: Record<string, number> = {};
    for (const page of PAGES) {
      const { plan, spent } = await open(page);
      expect({ page, spent }).toEqual({ page, spent: plan.calls });
      expect(plan.calls).toBe(plan.requests.reduce((sum, r) => sum + r.calls, 0));
      first[page] = plan.calls;
    }
    // Most pages cost something cold; the terms page's default is one of the overview's terms,
    // and filtered on one event name, its terms and its total are that name's line of it.
    expect(first['/']).toBe(4);
    expect(first['/terms']).toBe(0);
    expect(first['/terms?field=event&f=event~eq~token_invalid']).toBe(0);
    expect(first['/reports']).toBe(0);
    for (const page of PAGES) {
      const { plan, spent } = await open(page);
      expect({ page, calls: plan.calls, spent }).toEqual({ page, calls: 0, spent: 0 });
    }
  }, 60_000);

  it('answers 400 naming path for a path that is not a page', async () => {
    const bad = await call('/api/plan?path=/admin');
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'path' } } });
  });
});

describe('the per-request call cap', () => {
  const long = '/api/reporting/date_histogram?report[v][event][eq]=token_verified&interval=hour&range=90d';

  it('refuses a request over it with 422 naming the cost and the cap, having spent nothing, viewers included', async () => {
    const before = await stats();
    const refused = await call(long);
    expect(refused.status).toBe(422);
    const error = refused.body.error as { code: string; message: string; cost: { calls: number; cap: number } };
    expect(error.code).toBe('over_call_cap');
    expect(error.cost.cap).toBe(10);
    expect(error.cost.calls).toBeGreaterThan(10);
    expect(error.message).toContain(`${error.cost.calls} upstream calls`);
    expect(await stats()).toEqual(before);
  });

  it('runs it with the cost its person accepted, never spending more', async () => {
    const planned = await call(
      `/api/plan?path=${encodeURIComponent('/histogram?range=90d&interval=hour&s=v:event~eq~token_verified')}`,
    );
    const calls = (planned.body as unknown as Plan).calls;
    expect(calls).toBeGreaterThan(10);
    const before = await spentSoFar();
    const accepted = await call(long, { 'X-Accept-Cost': String(calls) });
    expect(accepted.status).toBe(200);
    expect((await spentSoFar()) - before).toBeLessThanOrEqual(calls);
  });
});
