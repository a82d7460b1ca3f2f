/**
 * What the API shows at a moment: the events whose time has come (time ≤ now), none older
 * than the retention window, minus the late arrivals still on their way. It is a range of
 * indexes in the time-sorted store plus, only while late events are in flight, a test that
 * leaves them out; every endpoint starts its query from it, so events, histogram buckets and
 * terms always agree on what exists.
 */
import { lateDraw } from './identifiers';
import type { EventTest } from './query-engine';
import { lowerBound, upperBound, type Store } from './store';

export type VisibilityRules = {
  /** The emulator's clock, epoch ms. */
  now: number;
  /** Events older than now − retentionMs are gone; 0 keeps everything. */
  retentionMs: number;
  /** The share of events that arrive late (0-1), and how long after their time they arrive. */
  lateShare: number;
  lateMs: number;
};

export type Visibility = {
  lo: number;
  hi: number;
  /** Whether an event of [lo, hi) has arrived; null when all of them have. */
  arrived: EventTest | null;
};

export function isLate(seed: number, index: number, lateShare: number): boolean {
  return lateShare > 0 && lateDraw(seed, index) < lateShare;
}

/** When the API starts showing event i (its time, or later for a late arrival), epoch ms. */
export function arrivalOf(store: Store, i: number, rules: Pick<VisibilityRules, 'lateShare' | 'lateMs'>): number {
  return store.time[i] + (isLate(store.seed, i, rules.lateShare) ? rules.lateMs : 0);
}

export function visibleAt(store: Store, rules: VisibilityRules): Visibility {
  const { time } = store;
  const hi = upperBound(time, rules.now);
  const lo = rules.retentionMs > 0 ? Math.min(hi, lowerBound(time, rules.now - rules.retentionMs)) : 0;
  if (rules.lateShare === 0) return { lo, hi, arrived: null };
  // Only events newer than now − lateMs can still be on their way: a few minutes' worth.
  const inFlight = new Set<number>();
  for (let i = upperBound(time, rules.now - rules.lateMs, lo, hi); i < hi; i++) {
    if (isLate(store.seed, i, rules.lateShare)) inFlight.add(i);
  }
  return { lo, hi, arrived: inFlight.size === 0 ? null : (i) => !inFlight.has(i) };
}
