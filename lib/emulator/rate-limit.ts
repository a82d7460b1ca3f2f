/**
 * The upstream's limits, per API key: at most `perMinute` accepted calls in any rolling
 * minute and `perHour` in any rolling hour. An exact sliding log of accepted calls; refused
 * calls are not logged, so being refused never extends the suspension.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export type RateLimits = { perMinute: number; perHour: number };

export class SlidingLogLimiter {
  private readonly logs = new Map<string, number[]>();

  constructor(
    private limits: RateLimits,
    private readonly clock: () => number,
  ) {}

  get current(): RateLimits {
    return { ...this.limits };
  }

  /** New limits apply to the next call, against the calls already logged. */
  set(limits: RateLimits): void {
    this.limits = { ...limits };
  }

  /** Accepts (and logs) the call, or says how long until one would be accepted. */
  take(key: string): RateDecision {
    const now = this.clock();
    const log = this.logs.get(key) ?? [];
    // Keep only the last hour; the log is in time order, so drop from the front.
    let expired = 0;
    while (expired < log.length && log[expired] <= now - HOUR) expired++;
    if (expired > 0) log.splice(0, expired);
    this.logs.set(key, log);

    const waits: number[] = [];
    const inMinute = log.length - firstAfter(log, now - MINUTE);
    if (inMinute >= this.limits.perMinute) waits.push(log[log.length - this.limits.perMinute] + MINUTE - now);
    if (log.length >= this.limits.perHour) waits.push(log[log.length - this.limits.perHour] + HOUR - now);
    if (waits.length > 0) return { allowed: false, retryAfterMs: Math.max(1, ...waits) };
    log.push(now);
    return { allowed: true };
  }

  reset(): void {
    this.logs.clear();
  }
}

/** Index of the first entry greater than `time`. */
function firstAfter(log: number[], time: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid] <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
