/**
 * For the MAU tests and benchmark: an emulator with a chosen number of users, a reporting
 * service in front of it (generous limits, so the limiter is not what is measured) and a MAU
 * service over both, plus the ground truth straight from the generated data.
 */
import 'server-only';
import pino from 'pino';
import { AUTHENTICATION_EVENTS } from '@/lib/authy/vocabulary';
import { MemoryKeyValueStore, type KeyValueStore } from '@/lib/db/kv';
import { createEmulator, type Emulator } from '@/lib/emulator';
import { Limiter } from '@/lib/reporting/limiter';
import { MemoryCache } from '@/lib/reporting/memory-cache';
import { DEFAULT_CACHE_POLICY, upstreamLimiterPolicy } from '@/lib/reporting/policies';
import { ReportingService } from '@/lib/reporting/service';
import { MemorySlidingLog } from '@/lib/reporting/sliding-log-memory';
import { createUpstreamClient } from '@/lib/reporting/upstream-client';
import { MauService } from '@/lib/reporting/mau/mau-service';
import type { MauEvents } from '@/lib/mau/types';

export const HARNESS_KEY = 'mau-harness-key';
export const HARNESS_NOW = Date.parse('2026-11-15T12:00:00.000Z');

export type HarnessOptions = {
  seed?: number;
  events: number;
  users: number;
  callBudget?: number;
  mauEvents?: MauEvents;
  store?: KeyValueStore;
  now?: number;
  /** Reuse a generated data set (generation is the slow part). */
  emulator?: Emulator;
  /** The reporting service's upstream budget; generous unless the limiter is what is tested. */
  limits?: { perMinute: number; perHour: number };
};

export function mauHarness(options: HarnessOptions) {
  const now = options.now ?? HARNESS_NOW;
  const emulator =
    options.emulator ??
    createEmulator({
      seed: options.seed ?? 1,
      events: options.events,
      users: options.users,
      now,
      apiKey: HARNESS_KEY,
      ratePerMinute: 10_000_000,
      ratePerHour: 10_000_000,
    });
  const limits = options.limits ?? { perMinute: 10_000_000, perHour: 10_000_000 };
  const policy = upstreamLimiterPolicy({ ...limits, maxWaitMs: 0 });
  const clock = { now: () => now };
  const reporting = new ReportingService({
    upstream: createUpstreamClient({
      fetch: (request) => emulator.handle(request),
      baseUrl: 'http://emulator.invalid',
      apiKey: HARNESS_KEY,
      timeoutMs: 30_000,
    }),
    limiter: new Limiter(new MemorySlidingLog(policy), policy, clock),
    cache: new MemoryCache({ maxBytes: 256 * 1024 * 1024 }),
    cachePolicy: DEFAULT_CACHE_POLICY,
    clock,
    log: pino({ level: 'silent' }),
  });
  const mauEvents = options.mauEvents ?? 'all';
  const store = options.store ?? new MemoryKeyValueStore(() => now);
  const mau = new MauService({
    terms: (query, o) => reporting.terms(query, o),
    store,
    now: () => now,
    callBudget: options.callBudget ?? 1_000_000,
    events: mauEvents,
    settleMarginMs: DEFAULT_CACHE_POLICY.settleMarginMs,
  });
  return {
    emulator,
    reporting,
    mau,
    store,
    /** Terms calls the emulator has served so far. */
    calls: () => emulator.stats().requests.terms,
    truth: (month: string) =>
      emulator.dataset.distinctUsersInMonth(month, mauEvents === 'authentications' ? AUTHENTICATION_EVENTS : undefined),
  };
}
