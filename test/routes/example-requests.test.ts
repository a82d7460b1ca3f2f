/**
 * Every example request of the reference, and the six of Authy's sample scripts, sent to the
 * dashboard's routes as written (a session in place of the key): each is answered 200 with the
 * documented shape, and with what the API itself (the emulator, asked directly) answers.
 */
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { eventsResponseSchema, histogramResponseSchema, termsResponseSchema } from '@/lib/authy/responses';
import { upstreamLimiterPolicy } from '@/lib/reporting/policies';
import { EMULATOR_KEY, NOW, smallEmulator } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { serviceFor } from '@/test/support/services';
import {
  REFERENCE_EXAMPLES,
  SAMPLE_SCRIPT_REQUESTS,
  exampleUrl,
  type ExampleRequest,
} from '@/test/support/authy-example-requests';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'test', role: 'viewer' }) }));

const emulator = smallEmulator();
const service = serviceFor({
  fetch: (request) => emulator.handle(request),
  clock: new ManualClock(NOW),
  limiterPolicy: upstreamLimiterPolicy({ perMinute: 1000, perHour: 10_000, maxWaitMs: 0 }),
}).service;
vi.mock('@/lib/services', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/services')>()),
  reportingService: () => service,
}));

const routes = {
  events: (await import('@/app/api/reporting/events/route')).GET,
  date_histogram: (await import('@/app/api/reporting/date_histogram/route')).GET,
  terms: (await import('@/app/api/reporting/terms/route')).GET,
};
const schemas = { events: eventsResponseSchema, date_histogram: histogramResponseSchema, terms: termsResponseSchema };

// The same data set, asked directly: what the API answers.
const api = smallEmulator();
async function apiAnswer(url: URL): Promise<unknown> {
  const response = await api.handle(new Request(url, { headers: { 'X-Authy-API-Key': EMULATOR_KEY } }));
  expect(response.status).toBe(200);
  return response.json();
}

/**
 * Sends the example as written. One the dashboard plans over its per-request cap (an open
 * per-minute histogram pages through the API's 90 days) is refused first, naming its cost, and
 * answered once that cost is accepted, as a script would do it.
 */
async function viaDashboard(example: ExampleRequest) {
  const url = exampleUrl(example);
  const endpoint = /\/reporting\/(\w+)$/.exec(url.pathname)?.[1] as keyof typeof routes;
  const send = async (headers: Record<string, string> = {}) => {
    const request = new NextRequest(`http://127.0.0.1:3000/api/reporting/${endpoint}${url.search}`, { headers });
    const response = await routes[endpoint](request, { params: Promise.resolve({}) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  let answer = await send();
  if (answer.status === 422) {
    const { error } = answer.body as { error: { code: string; cost: { calls: number; cap: number } } };
    expect(error.code).toBe('over_call_cap');
    expect(error.cost.calls).toBeGreaterThan(error.cost.cap);
    answer = await send({ 'X-Accept-Cost': String(error.cost.calls) });
  }
  return { endpoint, url, ...answer };
}

describe.each([
  ['the reference', REFERENCE_EXAMPLES],
  ["Authy's sample scripts", SAMPLE_SCRIPT_REQUESTS],
])('the example requests of %s, against the routes', (_source, examples) => {
  it.each(examples.map((example) => [example.title, example] as const))('%s', async (_title, example) => {
    const { endpoint, url, status, body } = await viaDashboard(example);
    expect(status, JSON.stringify(body)).toBe(200);
    const { meta, ...data } = body;
    expect(meta).toMatchObject({ cache: expect.any(String), budget: expect.any(Object) });
    expect(schemas[endpoint].parse(data)).toEqual(data);
    // A histogram without paging is the whole series: the API's answer with its largest page.
    const paged = url.searchParams.has('page') || url.searchParams.has('per_page');
    if (endpoint === 'date_histogram' && !paged) url.searchParams.set('per_page', '100');
    expect(data).toEqual(await apiAnswer(url));
  });
});

describe('a histogram page, as the docs ask for one', () => {
  it('is the page of buckets the API answers, oldest first, however the series is cached', async () => {
    const base = 'report[verified][event][eq]=token_verified&report[invalid][event][eq]=token_invalid&interval=day';
    const window = '&scope[time][gte]=2019-10-01T00:00:00.000Z&scope[time][lt]=2020-01-01T00:00:00.000Z';
    const sizes: Record<string, number> = {};
    for (const paging of ['page=1&per_page=10', 'page=2&per_page=10', 'page=4&per_page=25', 'page=9&per_page=50']) {
      const query = `${base}${window}&${paging}`;
      const response = await routes.date_histogram(
        new NextRequest(`http://127.0.0.1:3000/api/reporting/date_histogram?${query}`),
        { params: Promise.resolve({}) },
      );
      const { meta: _meta, ...data } = (await response.json()) as { meta: unknown; reports: Record<string, unknown[]> };
      sizes[paging] = data.reports.verified.length;
      expect(data, paging).toEqual(
        await apiAnswer(new URL(`http://emulator.invalid/protected/json/reporting/date_histogram?${query}`)),
      );
    }
    // 92 days: full pages of 10, a short last page of 25, nothing past the end.
    expect(sizes).toEqual({
      'page=1&per_page=10': 10,
      'page=2&per_page=10': 10,
      'page=4&per_page=25': 17,
      'page=9&per_page=50': 0,
    });
  });
});
