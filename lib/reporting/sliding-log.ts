/**
 * The limiter's shared state: an exact log of the calls released in the last hour (plus the
 * safety margin), each with its class and the user it was charged to; a "back off until" time;
 * and who is waiting. Two stores implement it: one in memory for a single process, one in
 * Redis for several replicas. Both decide with the one rule below (`decide`), atomically, and
 * record only the calls they admit.
 */
import 'server-only';
import { shareCap, type LimiterPolicy } from './policies';
import type { Priority } from './priorities';

/**
 * Why a call was not admitted: a window is full (`budget`), its class's share is spent
 * (`share`), a person is waiting who goes first (`fair`), the upstream asked to slow
 * down (`backoff`), or (Redis store) the shared log is being rebuilt after Redis came back empty.
 */
export type RefusalReason = 'budget' | 'share' | 'fair' | 'backoff' | 'resync';
export type Refusal = { admitted: false; retryAt: number; reason: RefusalReason };
/** `user`: whom the call was charged to (one of the ticket's users, '' for none). */
export type Admission = { admitted: true; user: string } | Refusal;

/** One released call. `user` is '' when nobody asked (the archive's sync, say). */
export type LogEntry = { at: number; priority: Priority; user: string };

/** What a store is asked: may a call of this class, for these users, go out now? */
export type AcquireRequest = {
  now: number;
  priority: Priority;
  /** Who asked; a call shared by several people carries them all, and is charged to one. */
  users: readonly string[];
  /** This limiter (one per process), and the users of its other people waiting, for every replica to see. */
  waiter: { id: string; others: readonly string[] };
};

export type LogState = {
  /** Ascending by time, within the longest window. */
  entries: LogEntry[];
  backoff: { until: number; reason: 'backoff' | 'resync' } | null;
  /** People (distinct users) waiting for budget on any replica. */
  waiting: string[];
};

export interface SlidingLogStore {
  /** Atomically: admit and record a call, or say when it could be admitted and why not. */
  tryAcquire(request: AcquireRequest): Promise<Admission>;
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

type DecisionInput = {
  /** Ascending by time. */
  log: readonly LogEntry[];
  now: number;
  /** 0 when there is none. */
  backoffUntil: number;
  /** People waiting on any replica (the request's own users may be among them). */
  waiting: readonly string[];
  priority: Priority;
  users: readonly string[];
};

/**
 * The admission rule. `sliding-log-redis.ts` runs the same rule in Lua; a property test holds
 * the two to the same decision on generated logs.
 *
 * A call at `t` counts in a window of span `s` while `now < t + s`. A group of calls that may
 * hold `cap` of a window and holds `n >= cap` waits until its (n - cap + 1)-th oldest leaves:
 * every window's whole log (cap: its limit, less the reserve for any class but people) and
 * every share the class belongs to (cap: the share of the limit). The latest such time wins.
 * With room, a person still waits while another waiting person has had fewer calls (compared
 * window by window, shortest first), and any other class while any person waits: the slot is
 * theirs, and this one asks again after `turnMs`.
 */
export function decide(input: DecisionInput, policy: LimiterPolicy): Admission {
  const { log, now, priority } = input;
  if (input.backoffUntil > now) return { admitted: false, retryAt: input.backoffUntil, reason: 'backoff' };
  let refusal: Refusal | undefined;
  // Of a set of calls, those in the window; the (n - cap + 1)-th oldest of them frees the slot.
  const limit = (set: readonly LogEntry[], cap: number, span: number, reason: RefusalReason) => {
    const counted = set.filter((e) => e.at > now - span);
    if (counted.length < cap) return;
    const retryAt = counted[counted.length - cap].at + span;
    if (!refusal || retryAt > refusal.retryAt) refusal = { admitted: false, retryAt, reason };
  };
  for (const window of policy.windows) {
    const span = spanOf(policy, window.windowMs);
    limit(log, window.limit - (priority === policy.people ? 0 : window.reserve), span, 'budget');
    for (const share of policy.shares) {
      if (!share.classes.includes(priority)) continue;
      const shared = log.filter((e) => share.classes.includes(e.priority));
      limit(shared, shareCap(window, share), span, 'share');
    }
  }
  if (refusal) return refusal;
  const candidates = askers(input.users);
  const callsOf = (user: string) => personCalls(log, now, policy, user);
  let user = candidates[0];
  for (const other of candidates) if (fewer(callsOf(other), callsOf(user))) user = other;
  const theirTurn =
    priority === policy.people
      ? input.waiting.some((w) => !candidates.includes(w) && fewer(callsOf(w), callsOf(user)))
      : input.waiting.length > 0;
  if (theirTurn) return { admitted: false, retryAt: now + policy.turnMs, reason: 'fair' };
  return { admitted: true, user };
}

/** Who a call is for: its users, or nobody (''). */
export function askers(users: readonly string[]): readonly string[] {
  return users.length > 0 ? users : [''];
}

/** A person's calls (as `people`) in each window, shortest window first. */
export function personCalls(log: readonly LogEntry[], now: number, policy: LimiterPolicy, user: string): number[] {
  return policy.windows.map(
    (w) =>
      log.filter((e) => e.priority === policy.people && e.user === user && e.at > now - spanOf(policy, w.windowMs))
        .length,
  );
}

/** Whether `a` has had fewer calls than `b`: the first window that differs decides. */
export function fewer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}
