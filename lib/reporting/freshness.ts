/**
 * How long an answer stays true. Events do not change once their time has passed (plus a settle
 * margin for late arrivals), so a query whose window ended long enough ago is immutable and
 * kept for a long time; one that touches "now", or has no end, is fresh briefly, then served
 * stale while it is refreshed.
 */
import 'server-only';
import { parseIsoTime } from '../authy/attributes';
import type { Condition } from '../authy/bracket-codec';
import type { UpstreamQuery } from '../authy/schemas';
import type { CachePolicy } from './policies';

/** The time conditions that bound a query: `query[...]` for events, `scope[...]` otherwise. */
export function timeConditions(query: UpstreamQuery): Condition[] {
  const conditions = query.endpoint === 'events' ? query.params.query : query.params.scope;
  return conditions.filter((c) => c.attribute === 'time');
}

/** The end of the query's time window (epoch ms), or null when it runs up to now. */
export function windowEnd(query: UpstreamQuery): number | null {
  const ends = timeConditions(query)
    .filter((c) => c.operator === 'lt' || c.operator === 'lte')
    .map((c) => parseIsoTime(c.value))
    .filter((t): t is number => t !== null);
  return ends.length > 0 ? Math.min(...ends) : null;
}

export type Lifetimes = { freshUntil: number; staleUntil: number; immutable: boolean };

export function lifetimesFor(query: UpstreamQuery, fetchedAt: number, policy: CachePolicy): Lifetimes {
  const end = windowEnd(query);
  if (end !== null && end <= fetchedAt - policy.settleMarginMs) {
    const until = fetchedAt + policy.immutableMs;
    return { freshUntil: until, staleUntil: until, immutable: true };
  }
  return { freshUntil: fetchedAt + policy.freshMs, staleUntil: fetchedAt + policy.maxStaleMs, immutable: false };
}

export function isImmutable(query: UpstreamQuery, now: number, policy: CachePolicy): boolean {
  const end = windowEnd(query);
  return end !== null && end <= now - policy.settleMarginMs;
}
