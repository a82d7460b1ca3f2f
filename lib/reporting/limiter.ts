/**
 * The upstream budget: never more than the policy's limits in ANY rolling window, across every
 * replica; a higher class always before a lower one; the archive's classes within their share;
 * the last slots of each window kept for people; and among people, the next slot to whoever
 * has had the fewest calls.
 *
 * Hand-written on purpose. rate-limiter-flexible (the usual choice) counts fixed windows, which
 * can release twice the limit across a window boundary: 30 calls at 0:59 and 30 more at 1:01
 * would suspend the application. No maintained library offers an exact sliding log over two
 * windows at once, checked atomically across replicas, with classes, shares and fair queuing.
 * The log and the admission rule live in a `SlidingLogStore` (memory or Redis); this class is
 * the per-process queue in front of it: it asks the store for its waiters in class order, and
 * answers 429 only to a waiter whose expected start lies beyond its bound.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors';
import { systemClock, type Clock } from './clock';
import type { LimiterPolicy, WindowName } from './policies';
import { PRIORITIES, rankOf, type Priority } from './priorities';
import { planQueue, type Planned as PlannedCall } from './queue-plan';
import { askers, spanOf, type LogState, type Refusal, type RefusalReason, type SlidingLogStore } from './sliding-log';
import type { Budget, BudgetWindow, QueuedCall } from './types';

/**
 * Who is waiting: the class of work and the people it is for (none for the archive's sync).
 * Both may change while queued: a person joins an auto-refresh's call (see dedup.ts).
 */
export type Ticket = { readonly priority: Priority; readonly users?: readonly string[] };

/** What one request brings to a ticket: its class and, for a person, who asked. */
export type Asker = { priority: Priority; user?: string };

type Waiter = { ticket: Ticket; seq: number; deadline: number; resolve: () => void; reject: (error: ApiError) => void };

type Planned = PlannedCall<Waiter>;

function byClass(a: Waiter, b: Waiter): number {
  return rankOf(a.ticket.priority) - rankOf(b.ticket.priority) || a.seq - b.seq;
}

function usersOf(waiter: Waiter): readonly string[] {
  return askers(waiter.ticket.users ?? []);
}

export class Limiter {
  /** Names this process's waiting people in the shared store. */
  private readonly id = randomUUID();
  private readonly queue: Waiter[] = [];
  private seq = 0;
  private pumping = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the last plan still holds: nobody arrived, no class rose, no back-off began since. */
  private planHolds = false;

  constructor(
    private readonly store: SlidingLogStore,
    readonly policy: LimiterPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Resolves when a call may go out. Rejects with `rate_limited` (429, with when to retry) as
   * soon as the call is not expected to start within `maxWaitMs`.
   */
  acquire(ticket: Ticket, options: { maxWaitMs?: number } = {}): Promise<void> {
    const deadline = this.clock.now() + (options.maxWaitMs ?? this.policy.maxWaitMs);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ticket, seq: this.seq++, deadline, resolve, reject });
      this.kick();
    });
  }

  /** Looks at the queue again now: someone arrived, or a waiter's class rose. */
  kick(): void {
    this.planHolds = false;
    this.look();
  }

  private look(): void {
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
    const state = await this.stateAt(now);
    const windowNamed = (name: WindowName): BudgetWindow => {
      const policy = this.policy.windows.find((w) => w.name === name);
      if (!policy) throw new Error(`the limiter policy has no ${name} window`);
      const span = spanOf(this.policy, policy.windowMs);
      const calls = state.entries.filter((e) => e.at > now - span);
      const byClass = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
      for (const call of calls) byClass[call.priority]++;
      // A slot frees when the oldest counted call leaves the window.
      const resetAt = calls.length === 0 ? now : calls[0].at + span;
      return {
        limit: policy.limit,
        remaining: Math.max(0, policy.limit - calls.length),
        resetAt: iso(resetAt),
        byClass,
      };
    };
    return {
      minute: windowNamed('minute'),
      hour: windowNamed('hour'),
      backoffUntil: state.backoff === null ? null : iso(state.backoff.until),
      waiting: state.waiting.length,
    };
  }

  /** The calls `user` has waiting on this replica: their place, and when each should go out. */
  async queueState(user: string): Promise<QueuedCall[]> {
    if (!this.queue.some((w) => usersOf(w).includes(user))) return [];
    const now = this.clock.now();
    const plan = this.plan(await this.stateAt(now), now);
    return plan.flatMap(({ waiter, startAt }, i) => {
      if (!usersOf(waiter).includes(user)) return [];
      const ahead = new Set(plan.slice(0, i).flatMap((p) => usersOf(p.waiter)));
      ahead.delete(user);
      ahead.delete('');
      return [
        { priority: waiter.ticket.priority, position: i + 1, aheadOfYou: ahead.size, estimatedStartAt: iso(startAt) },
      ];
    });
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

  /**
   * Admits waiters while the store says yes, then refuses those who cannot wait long enough
   * and sleeps until the next slot (or the next deadline).
   */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const now = this.clock.now();
      let refusals: Refusal[] | 'admitted';
      let plan: Planned[];
      try {
        refusals = await this.admitOne(now);
        if (refusals === 'admitted') continue;
        plan = await this.planAfter(refusals, now);
      } catch (error) {
        for (const waiter of this.queue.splice(0)) waiter.reject(storeUnavailable(error));
        return;
      }
      this.refuseThoseWhoCannotWait(plan, now);
      if (this.queue.length === 0) return;
      const retryAt = Math.min(...refusals.map((r) => r.retryAt));
      const wake = Math.min(retryAt, ...this.queue.map((w) => w.deadline).filter((d) => d > now));
      this.timer = setTimeout(() => this.look(), Math.max(1, wake - now));
      return;
    }
  }

  /**
   * Asks the store for the waiters in class order until one is admitted; returns the refusals
   * otherwise. A refusal for its share holds only that class, a person's for another person's
   * turn only that person; any other holds everyone of that class and below (their caps are
   * no larger, and people waiting go before them).
   */
  private async admitOne(now: number): Promise<Refusal[] | 'admitted'> {
    const refusals: Refusal[] = [];
    const heldUsers = new Set<string>();
    const heldClasses = new Set<Priority>();
    for (const waiter of [...this.queue].sort(byClass)) {
      const { priority, users = [] } = waiter.ticket;
      const theirTurn = priority === this.policy.people && askers(users).every((u) => heldUsers.has(u));
      if (heldClasses.has(priority) || theirTurn) continue;
      const admission = await this.store.tryAcquire({
        now,
        priority,
        users,
        waiter: { id: this.id, others: this.peopleWaitingBesides(waiter) },
      });
      if (admission.admitted) {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        waiter.resolve();
        return 'admitted';
      }
      refusals.push(admission);
      const person = priority === this.policy.people;
      if (admission.reason === 'fair' && person) for (const user of askers(users)) heldUsers.add(user);
      else if (admission.reason === 'share') heldClasses.add(priority);
      else break;
    }
    return refusals;
  }

  /**
   * The plan after a pass that admitted nobody: only what it must refuse counts. A lone waiter
   * refused for a full window or share starts exactly when the store said (nothing else here
   * takes the slot), so the log need not be read. Otherwise the queue is planned again when
   * something changed since the last plan, or a deadline has come: planning costs a pass over
   * the log per waiter, and with nothing new the last plan's verdicts stand.
   */
  private async planAfter(refusals: Refusal[], now: number): Promise<Planned[]> {
    const [only] = refusals;
    if (this.queue.length === 1 && refusals.length === 1 && (only.reason === 'budget' || only.reason === 'share')) {
      return [{ waiter: this.queue[0], startAt: only.retryAt, reason: only.reason }];
    }
    if (this.planHolds && this.queue.every((w) => now < w.deadline)) return [];
    this.planHolds = true;
    return this.plan(await this.store.state(now), now);
  }

  /** The people this process has waiting, besides `waiter`: every replica sees them. */
  private peopleWaitingBesides(waiter: Waiter): string[] {
    const people = this.queue.filter((w) => w !== waiter && w.ticket.priority === this.policy.people);
    return [...new Set(people.flatMap(usersOf))];
  }

  /**
   * After a pass that admitted nobody: a 429 for every waiter whose deadline has come, or who
   * is not expected to start by it, saying when it would have.
   */
  private refuseThoseWhoCannotWait(plan: Planned[], now: number): void {
    for (const { waiter, startAt, reason } of plan) {
      if (startAt <= waiter.deadline && now < waiter.deadline) continue;
      this.queue.splice(this.queue.indexOf(waiter), 1);
      waiter.reject(this.refusal(reason, Math.max(1, Math.ceil((startAt - now) / 1000))));
    }
  }

  private plan(state: LogState, now: number): Planned[] {
    return planQueue([...this.queue].sort(byClass), state, now, this.policy);
  }

  private async stateAt(now: number): Promise<LogState> {
    return this.store.state(now).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
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
