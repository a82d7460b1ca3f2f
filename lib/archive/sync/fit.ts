/**
 * The fit rule: from the measured event rate, what the archive can keep within its share of
 * the budget. Pure arithmetic, documented in the README's "Fit" with the same names.
 */
import type { SyncMode } from './schema';

/** Calls a page: events per call. */
export const EVENTS_PER_CALL = 100;
/** The steady cost may take at most this much of the share; the rest is room for backfill, repairs and retries. */
export const FIT_HEADROOM = 0.75;
/** `full` when the whole backfill ends within this many days (what expires meanwhile is all it loses). */
export const FULL_BACKFILL_DAYS = 1;

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
  /** The live edge, look-back and verification of an hour's events, with someone watching all the time. */
  steadyCallsPerHour: number;
  /** What is left of B for the backfill. */
  backfillCallsPerHour: number;
  /** Days of events the archive keeps back from the live edge (the API's whole retention in `full`). */
  keepDays: number;
};

export function fit(input: FitInput): Fit {
  const { eventsPerHour: r, budget, apiRetentionDays: D } = input;
  const B = budget.share * Math.min(budget.perHour, budget.perMinute * 60);
  const polls = 3600 / input.liveActiveSeconds;
  const lookbackEvents = (r * input.lookbackMinutes) / 60;
  // A light look-back is re-read with each poll; a heavy one is checked by one histogram per half look-back.
  const lookbackCalls =
    lookbackEvents < EVENTS_PER_CALL ? (polls * lookbackEvents) / EVENTS_PER_CALL : 120 / input.lookbackMinutes;
  const verification = 1; // one closed live segment an hour
  const steady = r / EVENTS_PER_CALL + polls + lookbackCalls + verification;
  const spare = Math.max(0, B - steady);
  const base = { budgetPerHour: B, steadyCallsPerHour: steady, backfillCallsPerHour: spare };
  if (steady > FIT_HEADROOM * B) return { mode: 'rollups', ...base, keepDays: 0 };
  if (r === 0) return { mode: 'full', ...base, keepDays: D };
  // k hours of events copied per hour of backfill; the API's retention edge moves one hour an
  // hour, so the backfill meets it after D / (1 + k) and keeps D · k / (1 + k).
  const k = (spare * EVENTS_PER_CALL) / r;
  const backfillDays = D / (1 + k);
  if (backfillDays <= FULL_BACKFILL_DAYS) return { mode: 'full', ...base, keepDays: D };
  return { mode: 'partial', ...base, keepDays: Math.max(1, Math.floor(D - backfillDays) - 1) };
}
