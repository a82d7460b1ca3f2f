/**
 * Shared by the integration tests: a small emulator data set with a fixed "now", and reporting
 * services wired to it (in process, or over HTTP to the standalone server) with injected
 * clocks, stores and limits.
 */
import { Redis } from 'ioredis';
import { createEmulator, type Emulator } from '@/lib/emulator';
import { startEmulatorServer } from '@/lib/emulator/server';
import type { CacheStore } from '@/lib/reporting/cache-store';
import type { Clock } from '@/lib/reporting/clock';
import { Limiter } from '@/lib/reporting/limiter';
import { MemoryCache } from '@/lib/reporting/memory-cache';
import {
  DEFAULT_CACHE_POLICY,
  upstreamLimiterPolicy,
  type CachePolicy,
  type LimiterPolicy,
} from '@/lib/reporting/policies';
import { ReportingService } from '@/lib/reporting/service';
import type { SlidingLogStore } from '@/lib/reporting/sliding-log';
import { MemorySlidingLog } from '@/lib/reporting/sliding-log-memory';
import { capturingLogger } from './fakes';
import { createUpstreamClient, type FetchLike } from '@/lib/reporting/upstream-client';

export const EMULATOR_KEY = 'integration-key-0f3c9a7d5e1b2c4a';
export const NOW = Date.parse('2020-01-15T12:00:00.000Z');

export function smallEmulator(
  options: { ratePerMinute?: number; ratePerHour?: number; clock?: () => number } = {},
): Emulator {
  return createEmulator({
    seed: 11,
    events: 20_000,
    now: NOW,
    apiKey: EMULATOR_KEY,
    ratePerMinute: options.ratePerMinute ?? 30,
    ratePerHour: options.ratePerHour ?? 300,
    clock: options.clock,
  });
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

export type ServiceOptions = {
  fetch: FetchLike;
  baseUrl?: string;
  apiKey?: string;
  clock?: Clock;
  limiterPolicy?: LimiterPolicy;
  slidingLog?: SlidingLogStore;
  cache?: CacheStore;
  persistent?: CacheStore;
  cachePolicy?: Partial<CachePolicy>;
  timeoutMs?: number;
};

export function serviceFor(options: ServiceOptions) {
  const policy = options.limiterPolicy ?? upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0 });
  const limiter = new Limiter(options.slidingLog ?? new MemorySlidingLog(policy), policy, options.clock);
  const { logger, lines } = capturingLogger();
  const service = new ReportingService({
    upstream: createUpstreamClient({
      fetch: options.fetch,
      baseUrl: options.baseUrl ?? 'http://emulator.invalid',
      apiKey: options.apiKey ?? EMULATOR_KEY,
      timeoutMs: options.timeoutMs ?? 2_000,
    }),
    limiter,
    cache: options.cache ?? new MemoryCache({ maxBytes: 32 * 1024 * 1024 }),
    persistent: options.persistent,
    cachePolicy: { ...DEFAULT_CACHE_POLICY, ...options.cachePolicy },
    clock: options.clock,
    log: logger,
  });
  return { service, limiter, logLines: lines };
}

/** A service that reaches the emulator over HTTP, counting each call it makes and when. */
export function httpServiceFor(url: string, options: Omit<ServiceOptions, 'fetch' | 'baseUrl'> = {}) {
  const sent: number[] = [];
  const fetchCounting: FetchLike = (request) => {
    sent.push(Date.now());
    return fetch(request);
  };
  return { ...serviceFor({ ...options, fetch: fetchCounting, baseUrl: url }), sent };
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}
