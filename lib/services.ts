/**
 * The one module that chooses the upstream and builds the reporting service from the settings.
 * Demo mode (no AUTHY_API_KEY): an in-process emulator answers Request objects directly.
 * Live: global fetch to AUTHY_API_URL with AUTHY_API_KEY. With REDIS_URL the cache and the
 * limiter's log live in Redis, shared by every replica; without it, in this process.
 * Built once per process (`processSingleton`: Next bundles each route separately). The upstream
 * client and the limiter are wrapped here (not in lib/reporting) to count calls, outcomes and
 * waits for /api/metrics, and shared: people's requests, the MAU counter and the archive's sync
 * all wait in the one limiter. The archive (lib/archive, `ARCHIVE=auto`) answers what its copy
 * holds; in demo mode it starts pre-filled with the history the emulator no longer shows.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import { archiveAnswers as buildArchiveAnswers, type ArchiveAnswers } from './archive/answers';
import { appIdFor } from './archive/app-id';
import { prefillDemoArchive } from './archive/demo-prefill';
import { ArchiveQueries } from './archive/query';
import {
  archiveSyncSettings,
  createArchiveSync,
  limitedUpstream,
  type ArchiveStatus,
  type ArchiveSync,
} from './archive/sync';
import { db, store } from './db';
import { PersistentCacheStore } from './db/persistent-cache';
import { createEmulator, emulatorOptionsFromSettings, type Emulator } from './emulator';
import { settings, type Settings } from './env';
import { log } from './log';
import { MeteredLimiter } from './metrics/limiter';
import { setBudgetSource } from './metrics/registry';
import { systemClock } from './reporting/clock';
import { meteredUpstream } from './metrics/upstream';
import { processSingleton } from './process-singleton';
import { createRedis } from './redis';
import type { CacheStore } from './reporting/cache-store';
import { MemoryCache } from './reporting/memory-cache';
import { cachePolicy, upstreamLimiterPolicy } from './reporting/policies';
import { RedisCache } from './reporting/redis-cache';
import { ReportingService } from './reporting/service';
import { onShutdown } from './shutdown.mjs';
import type { SlidingLogStore } from './reporting/sliding-log';
import { MemorySlidingLog } from './reporting/sliding-log-memory';
import { RedisSlidingLog } from './reporting/sliding-log-redis';
import {
  createUpstreamClient,
  type FetchLike,
  type UpstreamClient,
  type UpstreamOptions,
} from './reporting/upstream-client';

/** Demo mode's upstream: one emulator per process, built on first use. */
function demoEmulator(s: Settings): Emulator {
  return processSingleton('demo-emulator', () => createEmulator(emulatorOptionsFromSettings(s.emulator)));
}

/** Where upstream calls go. The emulator's base URL is never resolved: its handler takes the Request. */
function upstreamOptions(s: Settings): UpstreamOptions {
  if (s.mode === 'live' && s.AUTHY_API_KEY) {
    const fetchLive: FetchLike = (request) => fetch(request);
    return { fetch: fetchLive, baseUrl: s.AUTHY_API_URL, apiKey: s.AUTHY_API_KEY, timeoutMs: s.UPSTREAM_TIMEOUT_MS };
  }
  const emulator = demoEmulator(s);
  return {
    fetch: (request) => emulator.handle(request),
    baseUrl: 'http://emulator.invalid',
    apiKey: s.emulator.EMULATOR_API_KEY,
    timeoutMs: s.UPSTREAM_TIMEOUT_MS,
  };
}

/** How far back the upstream answers: the API's 90 days, or the demo emulator's retention (0: everything). */
function upstreamRetentionMs(s: Settings): number | null {
  const days = s.mode === 'demo' ? s.emulator.EMULATOR_RETENTION_DAYS : s.ARCHIVE_API_RETENTION_DAYS;
  return days > 0 ? days * 86_400_000 : null;
}

function limiterPolicy(s: Settings) {
  return upstreamLimiterPolicy({
    perMinute: s.RATE_LIMIT_PER_MINUTE,
    perHour: s.RATE_LIMIT_PER_HOUR,
    maxWaitMs: s.LIMITER_MAX_WAIT_MS,
    archiveShare: s.ARCHIVE_BUDGET_SHARE,
  });
}

/** The one limiter every upstream call of this process waits in, its log in Redis when shared. */
function sharedLimiter(): MeteredLimiter {
  return processSingleton('limiter', () => {
    const policy = limiterPolicy(settings());
    const redis = sharedRedis();
    const slidingLog: SlidingLogStore = redis ? new RedisSlidingLog(redis, policy) : new MemorySlidingLog(policy);
    return new MeteredLimiter(slidingLog, policy);
  });
}

function sharedUpstream(): UpstreamClient {
  return processSingleton('upstream', () => meteredUpstream(createUpstreamClient(upstreamOptions(settings())), log));
}

function build(s: Settings): ReportingService {
  const redis = sharedRedis();
  const cache: CacheStore = redis ? new RedisCache(redis, log) : new MemoryCache({ maxBytes: s.CACHE_MAX_BYTES });
  return new ReportingService({
    upstream: sharedUpstream(),
    limiter: sharedLimiter(),
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
    archive: archiveAnswers() ?? undefined,
    upstreamRetentionMs: upstreamRetentionMs(s),
    log,
  });
}

/** A sync call waits this long for the archive's share at most, then the sync rests and tries later. */
const SYNC_MAX_WAIT_MS = 60_000;
/** A request whose window reaches further past the live edge than the cache serves stale waits this long for it, then the proxy answers. */
const CATCH_UP_WAIT_MS = 3_000;

type Archive = { sync: ArchiveSync; answers: ArchiveAnswers };

/** The archive's sync and its answers, or null with ARCHIVE=off. Built on first use; `startArchive` starts the sync. */
function archive(): Archive | null {
  const s = settings();
  if (s.ARCHIVE === 'off') return null;
  return processSingleton('archive', () => {
    const apiKey = s.mode === 'live' && s.AUTHY_API_KEY ? s.AUTHY_API_KEY : s.emulator.EMULATOR_API_KEY;
    const appId = appIdFor(apiKey);
    const retention = upstreamRetentionMs(s);
    const limiter = sharedLimiter();
    const sync = createArchiveSync({
      appId,
      db,
      upstream: limitedUpstream({
        client: sharedUpstream(),
        limiter,
        ticketFor: (cls) => ({ priority: cls }),
        maxWaitMs: SYNC_MAX_WAIT_MS,
      }),
      budget: { perMinute: s.RATE_LIMIT_PER_MINUTE, perHour: s.RATE_LIMIT_PER_HOUR, share: s.ARCHIVE_BUDGET_SHARE },
      // An upstream that keeps everything (the demo's, at retention 0) is backfilled over the API's 90 days.
      settings: {
        ...archiveSyncSettings(s),
        ...(retention !== null && { apiRetentionDays: Math.round(retention / 86_400_000) }),
      },
      clock: systemClock,
      log,
      allowImport: s.mode === 'demo',
    });
    const answers = buildArchiveAnswers({
      sync,
      queries: new ArchiveQueries(store),
      appId,
      upstreamRetentionMs: retention,
      freshMs: s.CACHE_FRESH_TTL_SECONDS * 1000,
      maxStaleMs: s.CACHE_MAX_STALE_SECONDS * 1000,
      catchUpWaitMs: CATCH_UP_WAIT_MS,
      clock: systemClock,
    });
    return { sync, answers };
  });
}

/** What the reporting service and the MAU counter ask the archive, or null with ARCHIVE=off. */
export function archiveAnswers(): ArchiveAnswers | null {
  return archive()?.answers ?? null;
}

/** `GET /api/archive`: how the archive stands (mode `off` with ARCHIVE=off). */
export async function archiveStatus(): Promise<ArchiveStatus> {
  const a = archive();
  if (a) return a.sync.status();
  const s = settings();
  return {
    mode: 'off',
    coverage: [],
    imported: [],
    verifiedThrough: null,
    verified: [],
    lagSeconds: null,
    backfill: { done: 0, total: 0, expectedEnd: null },
    eventsHeld: 0,
    callsThisHour: { live: 0, verification: 0, backfill: 0, total: 0 },
    rollups: { hourly: [], countries: [], deviceTypes: [] },
    fit: null,
    running: false,
    retentionDays: s.ARCHIVE_RETENTION_DAYS,
  };
}

/**
 * Starts the archive's sync (at server start). In demo mode the history the emulator no longer
 * shows is imported first, in the background: pages answer meanwhile, from what is held.
 */
export function startArchive(): void {
  const a = archive();
  if (!a) return;
  a.sync.start();
  // Giving the lease up on shutdown lets the replica started next sync at once, not after the
  // lease's 30 s.
  onShutdown(() => a.sync.stop());
  const s = settings();
  if (s.mode !== 'demo') return;
  const emulator = demoEmulator(s);
  const started = Date.now();
  prefillDemoArchive(
    a.sync,
    {
      eventsIn: ({ from, to }) => emulator.dataset.eventsIn({ from, to }),
      retentionDays: s.emulator.EMULATOR_RETENTION_DAYS,
    },
    emulator.now(),
  )
    .then((done) => done && log.info({ ...done, ms: Date.now() - started }, 'archive: demo pre-fill imported'))
    .catch((err: unknown) => log.error({ err }, 'archive: demo pre-fill failed'));
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
