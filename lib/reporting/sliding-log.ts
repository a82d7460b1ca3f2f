/**
 * The limiter's shared state: an exact log of the calls released in the last hour (plus the
 * safety margin), and a "back off until" time. Two stores implement it: one in memory for a
 * single process, one in Redis for several replicas. Both admit a call only when every
 * window has room, and record only the calls they admit.
 */
import 'server-only';
import type { LimiterPolicy } from './policies';

/**
 * Why a call was not admitted: the budget is spent, the upstream asked to slow down, or (Redis
 * store) the shared log is being rebuilt after Redis came back empty.
 */
export type RefusalReason = 'budget' | 'backoff' | 'resync';
export type Admission = { admitted: true } | { admitted: false; retryAt: number; reason: RefusalReason };

export type WindowUsage = { used: number; oldest: number | null };
export type LogState = { windows: WindowUsage[]; backoffUntil: number | null };

export interface SlidingLogStore {
  /** Atomically: admit and record a call at `now`, or say when one could be admitted. */
  tryAcquire(now: number, options: { background: boolean }): Promise<Admission>;
  state(now: number): Promise<LogState>;
  /** No call at all until `until` (epoch ms); never shortens a back-off already in place. */
  backOff(until: number, now: number): Promise<void>;
}

export function spanOf(policy: LimiterPolicy, windowMs: number): number {
  return windowMs + policy.safetyMarginMs;
}

export function longestSpan(policy: LimiterPolicy): number {
  return Math.max(...policy.windows.map((w) => spanOf(policy, w.windowMs)));
}

/**
 * The admission rule over an ascending list of call times. A call at `t` counts in a window of
 * span `s` while `now < t + s`. When a window holding `used` calls has room for `cap`, the
 * (used - cap + 1)-th oldest call must leave it first: that is when a slot frees.
 * `sliding-log-redis.ts` runs the same rule in Lua.
 */
export function admissionFor(
  times: readonly number[],
  now: number,
  policy: LimiterPolicy,
  background: boolean,
): { admitted: true } | { admitted: false; retryAt: number } {
  let retryAt = -Infinity;
  for (const window of policy.windows) {
    const span = spanOf(policy, window.windowMs);
    const inWindow = times.filter((t) => t > now - span);
    const cap = window.limit - (background ? window.backgroundReserve : 0);
    if (inWindow.length >= cap) retryAt = Math.max(retryAt, inWindow[inWindow.length - cap] + span);
  }
  return retryAt === -Infinity ? { admitted: true } : { admitted: false, retryAt };
}

export function usageFor(times: readonly number[], now: number, policy: LimiterPolicy): WindowUsage[] {
  return policy.windows.map((window) => {
    const inWindow = times.filter((t) => t > now - spanOf(policy, window.windowMs));
    return { used: inWindow.length, oldest: inWindow[0] ?? null };
  });
}
