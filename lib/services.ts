/**
 * The one module that chooses the upstream and builds the reporting service from the settings.
 * Demo mode (no AUTHY_API_KEY): an in-process emulator answers Request objects directly.
 * Live: global fetch to AUTHY_API_URL with AUTHY_API_KEY. With REDIS_URL the cache and the
 * limiter's log live in Redis, shared by every replica; without it, in this process.
 * Built once per process (`processSingleton`: Next bundles each route separately). The upstream client and the limiter are wrapped
 * here (not in lib/reporting) to count calls, outcomes and waits for /api/metrics.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import { db } from './db';
import { PersistentCacheStore } from './db/persistent-cache';
import { createEmulator, emulatorOptionsFromSettings } from './emulator';
import { settings, type Settings } from './env';
import { log } from './log';
import { MeteredLimiter } from './metrics/limiter';
import { setBudgetSource } from './metrics/registry';
import { meteredUpstream } from './metrics/upstream';
import { processSingleton } from './process-singleton';
import { createRedis } from './redis';
import type { CacheStore } from './reporting/cache-store';
import { MemoryCache } from './reporting/memory-cache';
import { cachePolicy, upstreamLimiterPolicy } from './reporting/policies';
import { RedisCache } from './reporting/redis-cache';
import { ReportingService } from './reporting/service';
import type { SlidingLogStore } from './reporting/sliding-log';
import { MemorySlidingLog } from './reporting/sliding-log-memory';
import { RedisSlidingLog } from './reporting/sliding-log-redis';
import { createUpstreamClient, type FetchLike, type UpstreamOptions } from './reporting/upstream-client';

/** Where upstream calls go. The emulator's base URL is never resolved: its handler takes the Request. */
function upstreamOptions(s: Settings): UpstreamOptions {
  if (s.mode === 'live' && s.AUTHY_API_KEY) {
    const fetchLive: FetchLike = (request) => fetch(request);
    return { fetch: fetchLive, baseUrl: s.AUTHY_API_URL, apiKey: s.AUTHY_API_KEY, timeoutMs: s.UPSTREAM_TIMEOUT_MS };
  }
  const options = emulatorOptionsFromSettings(s.emulator);
  const emulator = createEmulator(options);
  return {
    fetch: (request) => emulator.handle(request),
    baseUrl: 'http://emulator.invalid',
    apiKey: options.apiKey,
    timeoutMs: s.UPSTREAM_TIMEOUT_MS,
  };
}

function build(s: Settings): ReportingService {
  const policy = upstreamLimiterPolicy({
    perMinute: s.RATE_LIMIT_PER_MINUTE,
    perHour: s.RATE_LIMIT_PER_HOUR,
    maxWaitMs: s.LIMITER_MAX_WAIT_MS,
    archiveShare: s.ARCHIVE_BUDGET_SHARE,
  });
  let cache: CacheStore;
  let slidingLog: SlidingLogStore;
  const redis = sharedRedis();
  if (redis) {
    cache = new RedisCache(redis, log);
    slidingLog = new RedisSlidingLog(redis, policy);
  } else {
    cache = new MemoryCache({ maxBytes: s.CACHE_MAX_BYTES });
    slidingLog = new MemorySlidingLog(policy);
  }
  return new ReportingService({
    upstream: meteredUpstream(createUpstreamClient(upstreamOptions(s)), log),
    limiter: new MeteredLimiter(slidingLog, policy),
    cache,
    // Settled windows never change upstream: keep them in the store so a restart spends nothing.
    persistent: new PersistentCacheStore(db),
    cachePolicy: cachePolicy({
      freshSeconds: s.CACHE_FRESH_TTL_SECONDS,
      maxStaleSeconds: s.CACHE_MAX_STALE_SECONDS,
      settleMarginSeconds: s.CACHE_SETTLE_MARGIN_SECONDS,
      immutableSeconds: s.CACHE_IMMUTABLE_TTL_SECONDS,
      coalesceWindowMs: s.COALESCE_WINDOW_MS,
    }),
    callCap: s.REQUEST_CALL_CAP,
    log,
  });
}

/**
 * The process's one Redis connection (cache, limiter log, sign-in throttle), or null without
 * REDIS_URL. One connection per process, whichever route bundle asks first.
 */
export function sharedRedis(): Redis | null {
  const url = settings().REDIS_URL;
  if (!url) return null;
  return processSingleton('redis', () => {
    const redis = createRedis(url);
    redis.on('error', (err) => log.warn({ err }, 'redis connection error'));
    return redis;
  });
}

/** The process's reporting service, built on first use. */
export function reportingService(): ReportingService {
  return processSingleton('reporting-service', () => {
    const service = build(settings());
    setBudgetSource(() => service.budget());
    return service;
  });
}

/** Whether the dashboard talks to the real API or the built-in emulator. */
export function appMode(): Settings['mode'] {
  return settings().mode;
}
