/**
 * Reporting services for tests, wired as the app wires them but with injected clocks, stores
 * and limits: `testService` in front of a fake upstream (unit tests), `serviceFor` and
 * `httpServiceFor` in front of the emulator, in process or over HTTP (integration tests).
 */
import type { ArchiveAnswers } from '@/lib/archive/answers';
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
import { createUpstreamClient, type FetchLike } from '@/lib/reporting/upstream-client';
import { EMULATOR_KEY } from './emulator';
import { capturingLogger, ManualClock, TEST_KEY } from './fakes';

export type TestServiceOptions = {
  fetch: FetchLike;
  clock?: Clock;
  limiterPolicy?: LimiterPolicy;
  cachePolicy?: Partial<CachePolicy>;
  slidingLog?: SlidingLogStore;
  cache?: CacheStore;
  persistent?: CacheStore;
  timeoutMs?: number;
};

export function testService(options: TestServiceOptions) {
  const clock = options.clock ?? new ManualClock();
  const limiterPolicy = options.limiterPolicy ?? upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 0 });
  const limiter = new Limiter(options.slidingLog ?? new MemorySlidingLog(limiterPolicy), limiterPolicy, clock);
  const cache = options.cache ?? new MemoryCache({ maxBytes: 16 * 1024 * 1024 });
  const { logger, lines } = capturingLogger();
  const service = new ReportingService({
    upstream: createUpstreamClient({
      fetch: options.fetch,
      baseUrl: 'http://upstream.test',
      apiKey: TEST_KEY,
      timeoutMs: options.timeoutMs ?? 1_000,
    }),
    limiter,
    cache,
    persistent: options.persistent,
    cachePolicy: { ...DEFAULT_CACHE_POLICY, coalesceWindowMs: 5, ...options.cachePolicy },
    clock,
    log: logger,
  });
  return { service, limiter, cache, clock, logLines: lines };
}

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
  archive?: ArchiveAnswers;
  upstreamRetentionMs?: number | null;
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
    archive: options.archive,
    upstreamRetentionMs: options.upstreamRetentionMs,
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
