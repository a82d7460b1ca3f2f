/**
 * The upstream budget and the cache's lifetimes, declared as data. Everything that decides how
 * many calls may go out, or how long an answer is kept, reads one of these objects.
 */
import 'server-only';
import type { Priority } from './priorities';

export type WindowName = 'minute' | 'hour';

export type WindowPolicy = {
  name: WindowName;
  limit: number;
  windowMs: number;
  /** The last slots of the window: only the policy's `people` may take them. */
  reserve: number;
};

/** Classes that together never take more than `fraction` of any window's limit. */
type SharePolicy = { name: string; classes: readonly Priority[]; fraction: number };

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
  /** How long a request may queue for budget: one whose expected start is later is answered 429. */
  maxWaitMs: number;
  /** How long to stop calling after an upstream "too many requests" without Retry-After. */
  backOffMs: number;
  /** People waiting: the only class that may take a window's reserve; among them calls are shared per user. */
  people: Priority;
  shares: readonly SharePolicy[];
  /** How soon a person held back for another person's turn asks again. */
  turnMs: number;
  /** How long a waiting person stays visible to every replica past their own replica's next try. */
  presenceMs: number;
};

/** The archive's sync: its live edge, verification and backfill share one part of the budget. */
export const ARCHIVE_CLASSES = ['live', 'verification', 'backfill'] as const satisfies readonly Priority[];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A tenth of the window, at least one slot when there is more than one. */
function reserveFor(limit: number): number {
  return limit > 1 ? Math.max(1, Math.floor(limit / 10)) : 0;
}

/** The most calls a share's classes may have in the window; at least 1 (see `checkedPolicy`). */
export function shareCap(window: WindowPolicy, share: SharePolicy): number {
  return Math.floor(window.limit * share.fraction);
}

/** Refuses a policy the admission rule cannot run: a share or reserve that leaves no slot. */
export function checkedPolicy(policy: LimiterPolicy): LimiterPolicy {
  for (const window of policy.windows) {
    if (window.reserve < 0 || window.reserve >= window.limit)
      throw new Error(`${window.name}: the reserve (${window.reserve}) must leave a slot of ${window.limit}`);
    for (const share of policy.shares) {
      if (shareCap(window, share) < 1 || share.fraction > 1)
        throw new Error(`${window.name}: a share of ${share.fraction} of ${window.limit} calls leaves no call`);
    }
  }
  return policy;
}

export function upstreamLimiterPolicy(options: {
  perMinute: number;
  perHour: number;
  maxWaitMs: number;
  /** Of each window, what the archive's sync may spend (ARCHIVE_BUDGET_SHARE). */
  archiveShare?: number;
  keyPrefix?: string;
}): LimiterPolicy {
  return checkedPolicy({
    keyPrefix: options.keyPrefix ?? 'authy:limiter',
    windows: [
      { name: 'minute', limit: options.perMinute, windowMs: MINUTE, reserve: reserveFor(options.perMinute) },
      { name: 'hour', limit: options.perHour, windowMs: HOUR, reserve: reserveFor(options.perHour) },
    ],
    safetyMarginMs: 2_000,
    maxWaitMs: options.maxWaitMs,
    backOffMs: MINUTE,
    people: 'interactive',
    shares: [{ name: 'archive', classes: ARCHIVE_CLASSES, fraction: options.archiveShare ?? 0.5 }],
    turnMs: 250,
    presenceMs: 1_000,
  });
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
