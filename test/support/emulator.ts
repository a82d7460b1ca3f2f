/**
 * Emulators for tests, each a small data set with a fixed "now": `testEmulator` and `call` for
 * the emulator's own tests (called in process), `smallEmulator` for the integration tests and
 * `standaloneEmulator` for the same behind the HTTP server, with its control endpoints.
 * `testEmulator`'s time stands still (a constant clock) unless a test passes a clock it moves.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from '@/lib/emulator';
import { startEmulatorServer } from '@/lib/emulator/server';
import { encodeUpstreamQuery, type UpstreamQuery } from '@/lib/authy/schemas';

export const TEST_KEY = 'test-key';
export const TEST_NOW = Date.parse('2020-01-15T12:00:00.000Z');

export function testEmulator(overrides: Partial<EmulatorOptions> = {}): Emulator {
  return createEmulator({
    seed: 7,
    events: 20_000,
    now: TEST_NOW,
    apiKey: TEST_KEY,
    ratePerMinute: 1_000_000,
    ratePerHour: 1_000_000,
    clock: () => TEST_NOW,
    ...overrides,
  });
}

export type Called = { status: number; text: string; headers: Headers; json: () => unknown };

/** Calls a path (with the test key unless `key` says otherwise) and reads the body. */
export async function call(
  emulator: Emulator,
  path: string,
  init: { key?: string | null; method?: string; body?: string; signal?: AbortSignal } = {},
): Promise<Called> {
  const headers = new Headers();
  const key = init.key === undefined ? TEST_KEY : init.key;
  if (key !== null) headers.set('X-Authy-API-Key', key);
  const response = await emulator.handle(
    new Request(`http://emulator.test${path}`, { method: init.method, headers, body: init.body, signal: init.signal }),
  );
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, json: () => JSON.parse(text) };
}

/** `/protected/json/reporting/<endpoint>?<query>` */
export const api = (endpoint: string, query = '', format: 'json' | 'xml' = 'json') =>
  `/protected/${format}/reporting/${endpoint}${query ? `?${query}` : ''}`;

export const EMULATOR_KEY = 'integration-key-0f3c9a7d5e1b2c4a';
export const NOW = Date.parse('2020-01-15T12:00:00.000Z');

export function smallEmulator(
  options: { ratePerMinute?: number; ratePerHour?: number; clock?: () => number; retentionDays?: number } = {},
): Emulator {
  return createEmulator({
    seed: 11,
    events: 20_000,
    now: NOW,
    apiKey: EMULATOR_KEY,
    ratePerMinute: options.ratePerMinute ?? 30,
    ratePerHour: options.ratePerHour ?? 300,
    clock: options.clock,
    retentionDays: options.retentionDays,
  });
}

/** The integration data set in process with no rate limit: what the emulator itself answers, to compare with. */
export function twinEmulator(): Emulator {
  return smallEmulator({ ratePerMinute: 1e6, ratePerHour: 1e6 });
}

/** What `emulator` answers to `query`, asked directly with the integration key. */
export async function askDirectly<T>(emulator: Emulator, query: UpstreamQuery): Promise<T> {
  const path = api(query.endpoint, encodeUpstreamQuery(query).toString());
  return (await call(emulator, path, { key: EMULATOR_KEY })).json() as T;
}

export async function standaloneEmulator(options: Parameters<typeof smallEmulator>[0] = {}) {
  const emulator = smallEmulator(options);
  // Generate the data now: the first call would otherwise stall the server for a moment,
  // which delays the calls queued behind it by far more than any real network would.
  await emulator.handle(
    new Request('http://emulator.invalid/protected/json/reporting/terms?field=event', {
      headers: { 'X-Authy-API-Key': EMULATOR_KEY },
    }),
  );
  emulator.reset();
  const server = await startEmulatorServer({ emulator, port: 0 });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  return {
    emulator,
    url: server.url,
    close: server.close,
    stats: () => control<EmulatorStats>('stats'),
    reset: () => control('reset', {}),
    faults: (faults: Partial<Record<'error500' | 'timeout' | 'malformed' | 'tooMany' | 'latencyMs', number>>) =>
      control('faults', faults),
  };
}

export type EmulatorStats = {
  requests: { events: number; date_histogram: number; terms: number };
  rejected: { rate_limited: number; invalid_key: number; invalid_request: number };
};

export const totalRequests = (s: EmulatorStats) => s.requests.events + s.requests.date_histogram + s.requests.terms;
