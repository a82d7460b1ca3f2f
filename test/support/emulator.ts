/** Shared by the emulator's tests: a small data set, a fixed "now" and a call helper. */
import { createEmulator, type Emulator, type EmulatorOptions } from '@/lib/emulator';

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
