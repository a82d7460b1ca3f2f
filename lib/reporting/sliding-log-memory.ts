/** The sliding log for one process. Several limiters may share one instance (tests do). */
import 'server-only';
import type { LimiterPolicy } from './policies';
import {
  askers,
  decide,
  longestSpan,
  type AcquireRequest,
  type Admission,
  type LogEntry,
  type LogState,
  type SlidingLogStore,
} from './sliding-log';

export class MemorySlidingLog implements SlidingLogStore {
  private entries: LogEntry[] = [];
  private backoffUntil = 0;
  /** Per limiter: the people it has waiting, and until when the others count them. */
  private readonly presence = new Map<string, { users: readonly string[]; until: number }>();

  constructor(private readonly policy: LimiterPolicy) {}

  async tryAcquire(request: AcquireRequest): Promise<Admission> {
    const { now, priority, users, waiter } = request;
    this.prune(now);
    const elsewhere = [...this.presence].filter(([id]) => id !== waiter.id).flatMap(([, p]) => p.users);
    const admission = decide(
      {
        log: this.entries,
        now,
        backoffUntil: this.backoffUntil,
        waiting: [...elsewhere, ...waiter.others],
        priority,
        users,
      },
      this.policy,
    );
    if (admission.admitted) {
      // Kept ascending even if callers' clocks are not monotonic.
      let i = this.entries.length;
      while (i > 0 && this.entries[i - 1].at > now) i--;
      this.entries.splice(i, 0, { at: now, priority, user: admission.user });
    }
    const stillWaiting = !admission.admitted && priority === this.policy.people ? askers(users) : [];
    const present = [...waiter.others, ...stillWaiting];
    const until = (admission.admitted ? now : admission.retryAt) + this.policy.presenceMs;
    if (present.length > 0) this.presence.set(waiter.id, { users: present, until });
    else this.presence.delete(waiter.id);
    return admission;
  }

  async state(now: number): Promise<LogState> {
    this.prune(now);
    return {
      entries: [...this.entries],
      backoff: this.backoffUntil > now ? { until: this.backoffUntil, reason: 'backoff' } : null,
      waiting: [...new Set([...this.presence.values()].flatMap((p) => p.users))],
    };
  }

  async backOff(until: number): Promise<void> {
    this.backoffUntil = Math.max(this.backoffUntil, until);
  }

  private prune(now: number): void {
    const horizon = now - longestSpan(this.policy);
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop].at <= horizon) drop++;
    if (drop > 0) this.entries.splice(0, drop);
    for (const [id, p] of this.presence) if (p.until <= now) this.presence.delete(id);
  }
}
