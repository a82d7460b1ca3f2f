/**
 * GET /api/metrics and GET /api/ready over the app's real wiring (demo mode: the in-process
 * emulator, the embedded store in a temporary folder). No Redis here on purpose: the app's
 * limiter keys in the shared test Redis belong to the two-replica test, which counts them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'ops', role: 'member' }) }));

const TOKEN = 'metrics-token-for-tests-0123456789';
const dataDir = mkdtempSync(path.join(tmpdir(), 'ops-test-'));
// settings() reads the environment once, on first use: set it before any app module loads.
vi.stubEnv('METRICS_TOKEN', TOKEN);
vi.stubEnv('DATA_DIR', dataDir);
vi.stubEnv('EMULATOR_EVENTS', '20000');

const { GET: metricsRoute } = await import('@/app/api/metrics/route');
const { GET: ready } = await import('@/app/api/ready/route');
const { GET: terms } = await import('@/app/api/reporting/terms/route');

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
const call = (handler: Handler, url: string, headers: Record<string, string> = {}) =>
  handler(new NextRequest(`http://127.0.0.1:3000${url}`, { headers }), { params: Promise.resolve({}) });

const scrape = async () => (await call(metricsRoute, '/api/metrics', { authorization: `Bearer ${TOKEN}` })).text();

/** The value of one sample line, e.g. `authy_upstream_calls_total{endpoint="terms",outcome="ok"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('GET /api/metrics', () => {
  it('answers 401 with a Bearer challenge without the right token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await call(metricsRoute, '/api/metrics', headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain('authy_');
    }
  });

  it('serves Prometheus text, and the counters move after a reporting call', async () => {
    const response = await call(metricsRoute, '/api/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const before = await response.text();
    expect(before).toContain('# TYPE authy_upstream_calls_total counter');
    expect(before).toContain('# TYPE authy_http_request_duration_seconds histogram');

    const url = '/api/reporting/terms?field=event&size=5&range=30d';
    expect((await call(terms, url)).headers.get('x-cache')).toBe('miss');
    expect((await call(terms, url)).headers.get('x-cache')).toBe('hit');

    const after = await scrape();
    expect(sample(after, 'authy_upstream_calls_total{endpoint="terms",outcome="ok"}')).toBe(1);
    expect(sample(after, 'authy_upstream_call_duration_seconds_count{endpoint="terms"}')).toBe(1);
    expect(sample(after, 'authy_cache_results_total{route="/api/reporting/terms",state="miss"}')).toBe(1);
    expect(sample(after, 'authy_cache_results_total{route="/api/reporting/terms",state="hit"}')).toBe(1);
    expect(sample(after, 'authy_limiter_acquires_total{class="interactive",result="immediate"}')).toBe(1);
    expect(after).toContain('\nauthy_limiter_waiting_people 0\n');
    expect(
      sample(
        after,
        'authy_http_request_duration_seconds_count{route="/api/reporting/terms",method="GET",status="200"}',
      ),
    ).toBe(2);
    expect(sample(after, 'authy_budget_remaining{window="minute"}')).toBe(29);
    expect(sample(after, 'authy_budget_remaining{window="hour"}')).toBe(299);
    expect(after).not.toContain(TOKEN);
  });
});

describe('GET /api/ready', () => {
  it('is ready when the store answers, and says which checks ran', async () => {
    const response = await call(ready, '/api/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { settings: 'ok', store: 'ok', redis: 'not_configured' },
    });
  });
});
