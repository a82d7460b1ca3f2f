/** The sliding log for one process. Several limiters may share one instance (tests do). */
import 'server-only';
import type { LimiterPolicy } from './policies';
import {
  admissionFor,
  longestSpan,
  usageFor,
  type Admission,
  type LogState,
  type SlidingLogStore,
} from './sliding-log';

export class MemorySlidingLog implements SlidingLogStore {
  private times: number[] = [];
  private backoffUntil = 0;

  constructor(private readonly policy: LimiterPolicy) {}

  async tryAcquire(now: number, options: { background: boolean }): Promise<Admission> {
    if (this.backoffUntil > now) return { admitted: false, retryAt: this.backoffUntil, reason: 'backoff' };
    this.prune(now);
    const admission = admissionFor(this.times, now, this.policy, options.background);
    if (!admission.admitted) return { ...admission, reason: 'budget' };
    // Kept ascending even if callers' clocks are not monotonic.
    let i = this.times.length;
    while (i > 0 && this.times[i - 1] > now) i--;
    this.times.splice(i, 0, now);
    return admission;
  }

  async state(now: number): Promise<LogState> {
    this.prune(now);
    return {
      windows: usageFor(this.times, now, this.policy),
      backoffUntil: this.backoffUntil > now ? this.backoffUntil : null,
    };
  }

  async backOff(until: number): Promise<void> {
    this.backoffUntil = Math.max(this.backoffUntil, until);
  }

  private prune(now: number): void {
    const horizon = now - longestSpan(this.policy);
    let drop = 0;
    while (drop < this.times.length && this.times[drop] <= horizon) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}
