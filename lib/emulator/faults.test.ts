import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, eventsResponseSchema } from '../authy/responses';
import { XMLValidator } from 'fast-xml-parser';
import type { Emulator } from './index';
import { startEmulatorServer } from './server';
import { api, call, TEST_KEY, testEmulator } from '@/test/support/emulator';

describe('injected faults', () => {
  it('error500: 500 or 503 with an error body', async () => {
    const emulator = testEmulator({ events: 500, faults: { error500: 1 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const res = await call(emulator, api('events'));
      statuses.add(res.status);
      expect(errorResponseSchema.parse(res.json()).success).toBe(false);
    }
    expect([...statuses].sort()).toEqual([500, 503]);
  });

  it('timeout: holds the call until the request is aborted', async () => {
    const emulator = testEmulator({ events: 500, faults: { timeout: 1 } });
    const aborter = new AbortController();
    const started = performance.now();
    let settled = false;
    const pending = call(emulator, api('events'), { signal: aborter.signal }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    aborter.abort();
    const res = await pending;
    expect(res.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('malformed: a 200 whose body does not parse, in JSON and in XML', async () => {
    const emulator = testEmulator({ events: 500, faults: { malformed: 1 } });
    const res = await call(emulator, api('terms', 'field=event'));
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text).toContain('"terms"');
    const xml = await call(emulator, api('events', 'per_page=2', 'xml'));
    expect(xml.status).toBe(200);
    expect(XMLValidator.validate(xml.text)).not.toBe(true);
  });

  it('tooMany: 429 with 60003, counted as rate limited', async () => {
    const emulator = testEmulator({ events: 500, faults: { tooMany: 1 } });
    const res = await call(emulator, api('events'));
    expect(res.status).toBe(429);
    expect(errorResponseSchema.parse(res.json()).error_code).toBe('60003');
    expect(emulator.stats().rejected.rate_limited).toBe(1);
  });

  it('latency delays every call', async () => {
    const emulator = testEmulator({ events: 500, latencyMs: 150 });
    await call(emulator, api('events')); // generation out of the way
    const started = performance.now();
    expect((await call(emulator, api('events'))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('shares are honoured roughly, and faults change at run time', async () => {
    const emulator = testEmulator({ events: 500 });
    emulator.setFaults({ error500: 0.3 });
    let failed = 0;
    for (let i = 0; i < 200; i++) if ((await call(emulator, api('events', 'per_page=1'))).status >= 500) failed++;
    expect(failed).toBeGreaterThan(35);
    expect(failed).toBeLessThan(85);
    emulator.setFaults({ error500: 0 });
    expect((await call(emulator, api('events', 'per_page=1'))).status).toBe(200);
    expect(() => emulator.setFaults({ timeout: 1.5 })).toThrow();
  });
});

describe('control paths', () => {
  const post = (emulator: Emulator, path: string, body: string) =>
    call(emulator, path, { method: 'POST', body, key: null });

  it('stats count every call per endpoint and rejections by reason, exactly in the documented shape', async () => {
    const emulator = testEmulator({ events: 500, ratePerMinute: 2 });
    await call(emulator, api('events'));
    await call(emulator, api('terms', 'field=event'));
    await call(emulator, api('date_histogram', 'report[a][event][eq]=user_added'));
    await call(emulator, api('events'), { key: 'wrong' });
    const res = await call(emulator, '/__emulator/stats', { key: null });
    expect(res.status).toBe(200);
    expect(res.json()).toStrictEqual({
      requests: { events: 2, date_histogram: 1, terms: 1 },
      rejected: { rate_limited: 1, invalid_key: 1, invalid_request: 0 },
    });
  });

  it('reset zeroes stats and rate-limit windows', async () => {
    const emulator = testEmulator({ events: 500, ratePerMinute: 1 });
    await call(emulator, api('events'));
    expect((await call(emulator, api('events'))).status).toBe(429);
    expect((await post(emulator, '/__emulator/reset', '')).status).toBe(200);
    expect(emulator.stats().requests.events).toBe(0);
    expect((await call(emulator, api('events'))).status).toBe(200);
  });

  it('faults: partial updates, validated', async () => {
    const emulator = testEmulator({ events: 500 });
    const res = await post(emulator, '/__emulator/faults', JSON.stringify({ tooMany: 1 }));
    expect(res.json()).toEqual({
      error500: 0,
      timeout: 0,
      malformed: 0,
      tooMany: 1,
      late: 0,
      lateMinutes: 5,
      latencyMs: 0,
    });
    expect((await call(emulator, api('events'))).status).toBe(429);
    await post(emulator, '/__emulator/faults', JSON.stringify({ tooMany: 0, latencyMs: 1 }));
    expect((await call(emulator, api('events'))).status).toBe(200);

    for (const bad of [
      '{"error500": 2}',
      '{"latency": 5}',
      '{"timeout": "all"}',
      '{"late": 1.5}',
      '{"lateMinutes": 0}',
      '{"lateMinutes": 2.5}',
      'not json',
    ]) {
      const refused = await post(emulator, '/__emulator/faults', bad);
      expect(refused.status).toBe(400);
      expect(errorResponseSchema.parse(refused.json()).success).toBe(false);
    }
  });

  it('limits: read and changed at run time, counted against the calls already made', async () => {
    const emulator = testEmulator({ events: 500, ratePerMinute: 100, ratePerHour: 1_000 });
    expect((await call(emulator, '/__emulator/limits', { key: null })).json()).toEqual({
      perMinute: 100,
      perHour: 1_000,
    });
    for (let i = 0; i < 3; i++) expect((await call(emulator, api('events'))).status).toBe(200);
    const res = await post(emulator, '/__emulator/limits', JSON.stringify({ perMinute: 3, perHour: 300 }));
    expect(res.json()).toEqual({ perMinute: 3, perHour: 300 });
    // Three calls this minute already: the next is refused under the new limit.
    expect((await call(emulator, api('events'))).status).toBe(429);
    await post(emulator, '/__emulator/limits', JSON.stringify({ perMinute: 30, perHour: 300 }));
    expect((await call(emulator, api('events'))).status).toBe(200);

    for (const bad of [
      '{"perMinute": 0, "perHour": 300}',
      '{"perMinute": 30}',
      '{"perMinute": 30, "perHour": 300, "x": 1}',
      '[]',
    ]) {
      const refused = await post(emulator, '/__emulator/limits', bad);
      expect(refused.status, bad).toBe(400);
    }
  });
});

describe('over HTTP', () => {
  const emulator = testEmulator({ events: 1_000 });
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await startEmulatorServer({ emulator, port: 0 });
  });
  afterAll(() => server.close());

  it('serves the API and the control paths', async () => {
    const res = await fetch(`${server.url}/protected/json/reporting/events?per_page=2`, {
      headers: { 'X-Authy-API-Key': TEST_KEY },
    });
    expect(res.status).toBe(200);
    expect(eventsResponseSchema.parse(await res.json()).events).toHaveLength(2);
    const stats = await fetch(`${server.url}/__emulator/stats`).then((r) => r.json());
    expect(stats.requests.events).toBeGreaterThanOrEqual(1);
  });

  it('releases a held call when the client gives up', async () => {
    emulator.setFaults({ timeout: 1 });
    const started = performance.now();
    await expect(
      fetch(`${server.url}/protected/json/reporting/events`, {
        headers: { 'X-Authy-API-Key': TEST_KEY },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
    emulator.setFaults({ timeout: 0 });
    const after = await fetch(`${server.url}/protected/json/reporting/events?per_page=1`, {
      headers: { 'X-Authy-API-Key': TEST_KEY },
    });
    expect(after.status).toBe(200);
  });
});
