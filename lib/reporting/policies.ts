/**
 * The upstream budget and the cache's lifetimes, declared as data. Everything that decides how
 * many calls may go out, or how long an answer is kept, reads one of these objects.
 */
import 'server-only';

export type WindowName = 'minute' | 'hour';

export type WindowPolicy = {
  name: WindowName;
  limit: number;
  windowMs: number;
  /** Slots at the end of the window that background refreshes may not take. */
  backgroundReserve: number;
};

export type LimiterPolicy = {
  /** Shared by every replica: all of them count against the same application. */
  keyPrefix: string;
  windows: readonly WindowPolicy[];
  /**
   * Added to every window. We release a call, the upstream sees it a little later (network,
   * queues, clock skew between replicas); counting our calls over a slightly longer window
   * keeps the upstream's own count under the limit however that delay varies.
   */
  safetyMarginMs: number;
  /** How long a request may queue for budget before it is answered 429. */
  maxWaitMs: number;
  /** How long to stop calling after an upstream "too many requests" without Retry-After. */
  backOffMs: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A tenth of the window, at least one slot when there is more than one. */
function reserveFor(limit: number): number {
  return limit > 1 ? Math.max(1, Math.floor(limit / 10)) : 0;
}

export function upstreamLimiterPolicy(options: {
  perMinute: number;
  perHour: number;
  maxWaitMs: number;
  keyPrefix?: string;
}): LimiterPolicy {
  return {
    keyPrefix: options.keyPrefix ?? 'authy:limiter',
    windows: [
      { name: 'minute', limit: options.perMinute, windowMs: MINUTE, backgroundReserve: reserveFor(options.perMinute) },
      { name: 'hour', limit: options.perHour, windowMs: HOUR, backgroundReserve: reserveFor(options.perHour) },
    ],
    safetyMarginMs: 2_000,
    maxWaitMs: options.maxWaitMs,
    backOffMs: MINUTE,
  };
}

export type CachePolicy = {
  /** A response that touches "now" is fresh this long... */
  freshMs: number;
  /** ...then served stale (while one refresh runs) until this age. */
  maxStaleMs: number;
  /** A window that ended longer ago than this is immutable. */
  settleMarginMs: number;
  immutableMs: number;
  /** After a failed background refresh, serve stale without retrying for this long. */
  refreshCooldownMs: number;
  /** How long one replica's claim on refreshing a key keeps the others from refreshing it. */
  refreshLockMs: number;
  coalesceWindowMs: number;
};

export function cachePolicy(options: {
  freshSeconds: number;
  maxStaleSeconds: number;
  settleMarginSeconds: number;
  immutableSeconds: number;
  coalesceWindowMs: number;
}): CachePolicy {
  return {
    freshMs: options.freshSeconds * 1000,
    maxStaleMs: Math.max(options.maxStaleSeconds, options.freshSeconds) * 1000,
    settleMarginMs: options.settleMarginSeconds * 1000,
    immutableMs: options.immutableSeconds * 1000,
    refreshCooldownMs: 30_000,
    // Long enough for one refresh (timeout plus a wait for budget), shorter than a fresh period.
    refreshLockMs: Math.min(30_000, options.freshSeconds * 1000),
    coalesceWindowMs: options.coalesceWindowMs,
  };
}

export const DEFAULT_CACHE_POLICY: CachePolicy = cachePolicy({
  freshSeconds: 60,
  maxStaleSeconds: 3_600,
  settleMarginSeconds: 900,
  immutableSeconds: 30 * 24 * 3_600,
  coalesceWindowMs: 10,
});
