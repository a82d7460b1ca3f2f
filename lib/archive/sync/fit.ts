/**
 * The fit rule: from the measured event rate, what the archive can keep within its share of
 * the budget. Pure arithmetic, documented in the README's "Fit" with the same names.
 */
import type { SyncMode } from './schema';

/** Calls a page: events per call. */
export const EVENTS_PER_CALL = 100;
/** `full` asks the steady cost to leave this much of the share free: room for repairs, retries and the backfill. */
const FIT_HEADROOM = 0.75;
/** `full` asks the backfill to reach the API's retention edge within this many days (what expires meanwhile is lost). */
const FULL_BACKFILL_DAYS = 2;

export type FitInput = {
  eventsPerHour: number;
  budget: { perMinute: number; perHour: number; share: number };
  liveActiveSeconds: number;
  lookbackMinutes: number;
  apiRetentionDays: number;
};

export type Fit = {
  mode: SyncMode;
  /** B: what the share allows per hour (the tighter of the two windows). */
  budgetPerHour: number;
  /** The live edge, its look-back and the verification of each hour, with someone watching all the time. */
  steadyCallsPerHour: number;
  /** What is left of B for the backfill. */
  backfillCallsPerHour: number;
  /** Days back from the live edge the backfill sets out to copy. */
  keepDays: number;
};

/** Calls an hour the live edge spends at `r` events an hour (README, "Fit", steady cost). */
export function steadyCallsPerHour(r: number, liveActiveSeconds: number, lookbackMinutes: number): number {
  const polls = 3600 / liveActiveSeconds;
  const fresh = r / polls;
  const lookback = (r * lookbackMinutes) / 60;
  // A light look-back is read with each poll's new events; a heavy one is counted by one
  // histogram every half look-back instead.
  const perPoll =
    lookback < EVENTS_PER_CALL
      ? Math.floor((fresh + lookback) / EVENTS_PER_CALL) + 1
      : Math.floor(fresh / EVENTS_PER_CALL) + 1;
  const recounts = lookback < EVENTS_PER_CALL ? 0 : 120 / lookbackMinutes;
  const verification = 1; // the hour the live edge closes
  return polls * perPoll + recounts + verification;
}

/** B: the calls an hour the archive's share allows (the tighter of the limiter's two windows). */
export function sharePerHour(budget: FitInput['budget']): number {
  return budget.share * Math.min(budget.perHour, budget.perMinute * 60);
}

export function fit(input: FitInput): Fit {
  const { eventsPerHour: r, budget, apiRetentionDays: D } = input;
  const B = sharePerHour(budget);
  const steady = steadyCallsPerHour(r, input.liveActiveSeconds, input.lookbackMinutes);
  const spare = Math.max(0, B - steady);
  const base = { budgetPerHour: B, steadyCallsPerHour: steady, backfillCallsPerHour: spare };
  if (steady > B) return { mode: 'rollups', ...base, keepDays: 0 };
  if (r === 0) return { mode: 'full', ...base, keepDays: D };
  // k hours of events copied per hour of backfill. The API's retention edge moves one hour an
  // hour, so newest first the backfill meets it after D / (1 + k) and holds D · k / (1 + k).
  const k = (spare * EVENTS_PER_CALL) / r;
  const backfillDays = D / (1 + k);
  if (steady <= FIT_HEADROOM * B && backfillDays <= FULL_BACKFILL_DAYS) return { mode: 'full', ...base, keepDays: D };
  return { mode: 'partial', ...base, keepDays: Math.max(1, Math.floor(D - backfillDays) - 1) };
}
