/**
 * The overview's budget, end to end: the exact requests the page makes (overviewRequests),
 * through the route handlers and the real wiring (lib/services.ts, live mode pointed at the
 * standalone emulator), cost at most 4 upstream calls cold and none when reloaded.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { overviewRequests } from '@/lib/queries/overview-requests';
import { EMULATOR_KEY, NOW, standaloneEmulator, totalRequests } from '@/test/support/emulator';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'ops', role: 'viewer' }) }));

type Standalone = Awaited<ReturnType<typeof standaloneEmulator>>;
let upstream: Standalone;
type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
let routes: Record<'date_histogram' | 'terms', Handler>;

beforeAll(async () => {
  upstream = await standaloneEmulator();
  Object.assign(process.env, {
    AUTHY_API_KEY: EMULATOR_KEY,
    AUTHY_API_URL: upstream.url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'overview-calls-')),
  });
  routes = {
    date_histogram: (await import('@/app/api/reporting/date_histogram/route')).GET,
    terms: (await import('@/app/api/reporting/terms/route')).GET,
  };
});
afterAll(() => upstream.close());

async function loadOverview(view: Parameters<typeof overviewRequests>[0]): Promise<string[]> {
  const { histogram, terms } = overviewRequests(view, NOW);
  const requests = [histogram, ...terms].map(async ({ endpoint, search }) => {
    const response = await routes[endpoint](new NextRequest(`http://127.0.0.1/api/reporting/${endpoint}?${search}`), {
      params: Promise.resolve({}),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return response.headers.get('X-Cache') ?? '';
  });
  return Promise.all(requests);
}

describe('overview upstream budget', () => {
  it.each([
    { name: 'last 30 days', view: { time: { kind: 'preset' as const, range: '30d' as const }, interval: null } },
    { name: 'last 24 hours', view: { time: { kind: 'preset' as const, range: '24h' as const }, interval: null } },
    { name: 'last 12 months', view: { time: { kind: 'preset' as const, range: '12mo' as const }, interval: null } },
  ])('$name: at most 4 calls cold, 0 on reload', async ({ view }) => {
    await upstream.reset();
    const cold = await loadOverview(view);
    const coldCalls = totalRequests(await upstream.stats());
    expect(coldCalls).toBeGreaterThan(0);
    expect(coldCalls).toBeLessThanOrEqual(4);
    expect(cold.every((state) => state === 'miss')).toBe(true);
    const warm = await loadOverview(view);
    expect(totalRequests(await upstream.stats())).toBe(coldCalls);
    expect(warm.every((state) => state === 'hit')).toBe(true);
  });
});
