/**
 * What counting the rest of the months would take, worked out before anything is spent: which
 * months this hour's budget can finish (in the order the server counts them: months that are
 * over, newest first, then the current one), what the rest will cost and when it will be done at
 * the share of each hour counting may use. The server leaves 30% of every hour to people.
 */
import type { Budget } from '@/lib/queries/meta';
import { knownPart } from '@/components/users/mau-bars';
import type { MauMonth } from '@/lib/mau/types';

/** The share of every hour counting leaves to people (as the MAU route does). */
const PEOPLE_SHARE = 0.3;
/** A month nothing is known about yet is guessed at this, until a neighbour has been counted. */
const UNKNOWN_MONTH_CALLS = 20;
const HOUR = 3_600_000;

export type MauOutlook = {
  /** Months not exact yet. */
  pending: number;
  /** The months this hour's budget can finish now, in counting order. */
  finishable: string[];
  /** Calls to spend now: what the finishable months need, or what the hour allows on the first one. */
  callsNow: number;
  /** About what the months after those need, and when that is done (null: nothing left after now). */
  restCalls: number;
  doneAt: number | null;
};

/** The server's order: months that are over, newest first, then those still in progress. */
function countingOrder(months: readonly MauMonth[]): MauMonth[] {
  const newestFirst = [...months].sort((a, b) => (a.month < b.month ? 1 : -1));
  return [...newestFirst.filter((m) => !m.inProgress), ...newestFirst.filter((m) => m.inProgress)];
}

/**
 * Each pending month's remaining calls: its own estimate, else the most a counted month took
 * (months grow as users join, so the largest is the safer guess), and at least a guess.
 */
function remainingCalls(months: readonly MauMonth[]): Map<string, number> {
  const totals = months.filter((m) => m.callsToFinish !== null).map((m) => m.upstreamCalls + (m.callsToFinish ?? 0));
  const typical = Math.max(UNKNOWN_MONTH_CALLS, ...totals);
  return new Map(
    months.map((m) => [m.month, m.exact ? 0 : (m.callsToFinish ?? Math.max(1, typical - m.upstreamCalls))]),
  );
}

export function mauOutlook(months: readonly MauMonth[], budget: Budget, now: number): MauOutlook {
  // A month nothing is known of cannot be counted, whatever it costs.
  const pending = countingOrder(months).filter((m) => !m.exact && knownPart(m) !== 'none');
  const remaining = remainingCalls(months);
  const reserve = Math.ceil(budget.hour.limit * PEOPLE_SHARE);
  const available = Math.max(0, budget.hour.remaining - reserve);
  const finishable: string[] = [];
  let callsNow = 0;
  for (const m of pending) {
    const calls = remaining.get(m.month) ?? 0;
    if (callsNow + calls > available) break;
    finishable.push(m.month);
    callsNow += calls;
  }
  if (finishable.length === 0 && pending.length > 0)
    callsNow = Math.min(available, remaining.get(pending[0].month) ?? 0);
  const total = pending.reduce((sum, m) => sum + (remaining.get(m.month) ?? 0), 0);
  const restCalls = Math.max(0, total - callsNow);
  const perHour = Math.max(1, budget.hour.limit - reserve);
  return {
    pending: pending.length,
    finishable,
    callsNow,
    restCalls,
    doneAt: restCalls > 0 ? now + Math.ceil(restCalls / perHour) * HOUR : null,
  };
}
