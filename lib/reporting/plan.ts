/**
 * Cost before spending. Every request is planned before it runs: where each upstream answer it
 * needs comes from (the archive, the cache, a call already in flight, or a new call) and so how many new
 * calls it will make. A plan above the per-request cap is refused before anything is spent,
 * unless the person accepted at least that cost (`X-Accept-Cost`, the UI asks first).
 */
import 'server-only';
import { ApiError } from '../api/errors';
import type { CacheEntry } from './cache-store';

/**
 * Where one upstream query's answer comes from. The same decision is made once and both
 * counted (the plan) and acted on (the execution), so a plan is what the request spends.
 */
export type Decision =
  | { source: 'cache'; state: 'hit'; entry: CacheEntry }
  /** Served at once; `refreshes` when this request starts the one background refresh. */
  | { source: 'cache'; state: 'stale'; entry: CacheEntry; refreshes: boolean }
  /** `joins` a call another request already made for the same query. */
  | { source: 'upstream'; joins: boolean }
  /** The archive holds the query's whole window: answered locally, true as of `asOf` (further back than the freshness when `stale`). */
  | { source: 'archive'; asOf: number; stale: boolean };

export function callsOf(decision: Decision): number {
  if (decision.source === 'archive') return 0;
  if (decision.source === 'upstream') return decision.joins ? 0 : 1;
  return decision.state === 'stale' && decision.refreshes ? 1 : 0;
}

/** Refuses a request whose plan is over the cap unless its person accepted the cost. */
export function checkCost(calls: number, cap: number, accepted: number | undefined): void {
  if (calls <= cap || (accepted !== undefined && accepted >= calls)) return;
  throw new ApiError(
    'over_call_cap',
    `This request needs ${calls} upstream calls; one request may spend at most ${cap} unless you accept the cost (send X-Accept-Cost: ${calls}).`,
    { field: 'X-Accept-Cost', cost: { calls, cap } },
  );
}
