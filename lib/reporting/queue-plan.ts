/**
 * A replica's queue in the order the store will serve it, each call with its expected start:
 * the class order; among people, whoever has had the fewest calls; each start the earliest
 * time the admission rule lets it go, counting the calls planned before it. Other replicas'
 * queues are not known here, so with several replicas a call may start later than planned.
 */
import 'server-only';
import type { LimiterPolicy } from './policies';
import type { Priority } from './priorities';
import { askers, decide, fewer, personCalls, type LogEntry, type LogState, type RefusalReason } from './sliding-log';

type Queued = { ticket: { readonly priority: Priority; readonly users?: readonly string[] } };

/** `reason`: what holds the call until `startAt` ('budget' when it can go now). */
export type Planned<W extends Queued> = { waiter: W; startAt: number; reason: RefusalReason };

/** `queue` in class order, ties in arrival order. */
export function planQueue<W extends Queued>(
  queue: readonly W[],
  state: LogState,
  now: number,
  policy: LimiterPolicy,
): Planned<W>[] {
  const log = [...state.entries];
  const pending = [...queue];
  const planned: Planned<W>[] = [];
  // Each person's calls per window, counted once and kept up to date as calls are planned.
  const counts = new Map<string, number[]>();
  const callsOfUser = (user: string) => {
    let calls = counts.get(user);
    if (!calls) counts.set(user, (calls = personCalls(log, now, policy, user)));
    return calls;
  };
  const callsOf = (waiter: W) =>
    askers(waiter.ticket.users ?? [])
      .map(callsOfUser)
      .reduce((best, calls) => (fewer(calls, best) ? calls : best));
  while (pending.length > 0) {
    let next = 0;
    if (pending[0].ticket.priority === policy.people) {
      for (let i = 1; i < pending.length && pending[i].ticket.priority === policy.people; i++) {
        if (fewer(callsOf(pending[i]), callsOf(pending[next]))) next = i;
      }
    }
    const [waiter] = pending.splice(next, 1);
    const start = earliestStart(log, waiter, now, state.backoff, policy);
    planned.push({ waiter, startAt: start.at, reason: start.reason });
    // A planned call starts now or later: it counts in every window seen from now.
    if (waiter.ticket.priority === policy.people) {
      const calls = callsOfUser(start.user).map((n) => n + 1);
      counts.set(start.user, calls);
    }
    let i = log.length;
    while (i > 0 && log[i - 1].at > start.at) i--;
    log.splice(i, 0, { at: start.at, priority: waiter.ticket.priority, user: start.user });
  }
  return planned;
}

/** The first time the rule admits `waiter` on `log` (each refusal names a later time). */
function earliestStart(
  log: readonly LogEntry[],
  waiter: Queued,
  now: number,
  pause: LogState['backoff'],
  policy: LimiterPolicy,
): { at: number; user: string; reason: RefusalReason } {
  const paused = pause !== null && pause.until > now;
  let at = paused ? pause.until : now;
  let reason: RefusalReason = paused ? pause.reason : 'budget';
  const { priority, users = [] } = waiter.ticket;
  for (;;) {
    const admission = decide({ log, now: at, backoffUntil: 0, waiting: [], priority, users }, policy);
    if (admission.admitted) return { at, user: admission.user, reason };
    at = admission.retryAt;
    reason = admission.reason;
  }
}
