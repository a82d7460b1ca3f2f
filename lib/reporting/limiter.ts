/**
 * The upstream budget: never more than the policy's limits in ANY rolling window, across every
 * replica, with people served before auto-refreshes.
 *
 * Hand-written on purpose. rate-limiter-flexible (the usual choice) counts fixed windows, which
 * can release twice the limit across a window boundary: 30 calls at 0:59 and 30 more at 1:01
 * would suspend the application. No maintained library offers an exact sliding log over two
 * windows at once, checked atomically across replicas, with priorities. The exact log lives in
 * a `SlidingLogStore` (memory or Redis); this class is the per-process priority queue in front
 * of it.
 */
import 'server-only';
import { ApiError } from '../api/errors';
import { systemClock, type Clock } from './clock';
import type { LimiterPolicy, WindowName } from './policies';
import { spanOf, type Admission, type RefusalReason, type SlidingLogStore } from './sliding-log';
import type { Budget, BudgetWindow, Priority } from './types';

/** Who is waiting. `priority` may rise while queued (a person joins an auto-refresh's call). */
export type Ticket = { readonly priority: Priority };

type Waiter = { ticket: Ticket; seq: number; deadline: number; resolve: () => void; reject: (error: ApiError) => void };

const RANK: Record<Priority, number> = { interactive: 0, background: 1 };

function byPriority(a: Waiter, b: Waiter): number {
  return RANK[a.ticket.priority] - RANK[b.ticket.priority] || a.seq - b.seq;
}

export class Limiter {
  private readonly queue: Waiter[] = [];
  private seq = 0;
  private pumping = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: SlidingLogStore,
    readonly policy: LimiterPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Resolves when a call may go out; rejects with `rate_limited` (429) after at most `maxWaitMs`. */
  acquire(ticket: Ticket, options: { maxWaitMs?: number } = {}): Promise<void> {
    const deadline = this.clock.now() + (options.maxWaitMs ?? this.policy.maxWaitMs);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ticket, seq: this.seq++, deadline, resolve, reject });
      this.kick();
    });
  }

  /** Looks at the queue again now: someone arrived, or a waiter's priority rose. */
  kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pumping) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  /** The upstream said "too many": no call at all, from any replica, until the time is up. */
  async backOff(retryAfterMs?: number): Promise<void> {
    const now = this.clock.now();
    await this.store.backOff(now + (retryAfterMs ?? this.policy.backOffMs), now);
    this.kick();
  }

  async budget(): Promise<Budget> {
    const now = this.clock.now();
    const state = await this.store.state(now).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
    const windowNamed = (name: WindowName): BudgetWindow => {
      const i = this.policy.windows.findIndex((w) => w.name === name);
      const policy = this.policy.windows[i];
      const usage = state.windows[i];
      // A slot frees when the oldest counted call leaves the window.
      const resetAt = usage.oldest === null ? now : usage.oldest + spanOf(this.policy, policy.windowMs);
      return { limit: policy.limit, remaining: Math.max(0, policy.limit - usage.used), resetAt: iso(resetAt) };
    };
    return {
      minute: windowNamed('minute'),
      hour: windowNamed('hour'),
      backoffUntil: state.backoffUntil === null ? null : iso(state.backoffUntil),
    };
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    } finally {
      this.pumping = false;
    }
  }

  /** Admits waiters in priority order until the store says no, then waits for the next free slot. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      this.queue.sort(byPriority);
      const head = this.queue[0];
      const now = this.clock.now();
      let admission: Admission;
      try {
        admission = await this.store.tryAcquire(now, { background: head.ticket.priority === 'background' });
      } catch (error) {
        for (const waiter of this.queue.splice(0)) waiter.reject(storeUnavailable(error));
        return;
      }
      if (admission.admitted) {
        this.queue.splice(this.queue.indexOf(head), 1);
        head.resolve();
        continue;
      }
      this.rejectThoseWhoCannotWait(admission, head, now);
      if (this.queue.length > 0) {
        this.timer = setTimeout(() => this.kick(), Math.max(1, admission.retryAt - now));
      }
      return;
    }
  }

  /** Nobody at or below the head's priority can go before `retryAt`: refuse who would time out first. */
  private rejectThoseWhoCannotWait(
    admission: Extract<Admission, { admitted: false }>,
    head: Waiter,
    now: number,
  ): void {
    const retryAfterSeconds = Math.max(1, Math.ceil((admission.retryAt - now) / 1000));
    for (const waiter of [...this.queue]) {
      const outranksHead = RANK[waiter.ticket.priority] < RANK[head.ticket.priority];
      if (outranksHead || waiter.deadline >= admission.retryAt) continue;
      this.queue.splice(this.queue.indexOf(waiter), 1);
      waiter.reject(this.refusal(admission.reason, retryAfterSeconds));
    }
  }

  private refusal(reason: RefusalReason, retryAfterSeconds: number): ApiError {
    const [minute, hour] = this.policy.windows.map((w) => w.limit);
    const message =
      reason === 'backoff'
        ? `The Authy API asked the dashboard to slow down. Try again in ${retryAfterSeconds} s.`
        : reason === 'resync'
          ? `The rate limiter is rebuilding its shared record of recent calls (its Redis came back empty). Try again in ${retryAfterSeconds} s.`
          : `The Authy API budget is spent (${minute} calls a minute, ${hour} an hour). Try again in ${retryAfterSeconds} s.`;
    return new ApiError('rate_limited', message, { retryAfterSeconds });
  }
}

function storeUnavailable(cause: unknown): ApiError {
  return new ApiError('unavailable', 'The rate limiter cannot reach its store. Try again shortly.', { cause });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
