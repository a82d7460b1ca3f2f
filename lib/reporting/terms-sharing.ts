/**
 * Terms answers share upstream calls, as events pages do (events-pager.ts). A terms call costs
 * the same whatever its `size`, so the service always asks for the upstream's largest (100)
 * and cuts the top `size` out of it: the overview's top 10 devices, the terms page's top 20 and
 * the users page's breakdown are one call, cached under the one size-100 key. The cut is exact:
 * terms come most frequent first, ties by key, so a top 10 is the first 10 of the top 100.
 *
 * A question filtered on the very value it counts (`field=event` with `scope[event][eq]=X`)
 * is one line of the unfiltered answer for the same window: X's count there, or none when that
 * answer lists every value (fewer than 100) and X is not among them. The service reads it from
 * an unfiltered answer it already holds instead of calling. Only scalar fields: an `as_` array's
 * `eq` means "contains", and the events containing X also count their other elements.
 */
import 'server-only';
import type { Condition } from '../authy/bracket-codec';
import type { TermsResponse } from '../authy/responses';
import type { TermsQuery } from '../authy/schemas';
import { LIMITS } from '../authy/vocabulary';

export const UPSTREAM_TERMS_SIZE = LIMITS.size.max;

/** The query as the upstream is asked it: the same terms at the largest size. */
export function sharedTermsQuery(query: TermsQuery): TermsQuery {
  return { ...query, size: UPSTREAM_TERMS_SIZE };
}

/** The top `size` of a shared answer. */
export function topTerms(data: TermsResponse, size: number): TermsResponse {
  return data.terms.length <= size ? data : { ...data, terms: data.terms.slice(0, size) };
}

/** A field whose `eq` picks out exactly the events its terms count under that key. */
function isScalarField(field: string): boolean {
  const last = field.split('.').at(-1) ?? '';
  return field === 'event' || last.startsWith('s_');
}

/** The unfiltered question `query` can be read from, and the value to read; null when there is none. */
export function termsReadableFrom(query: TermsQuery): { from: TermsQuery; value: string } | null {
  if (!isScalarField(query.field)) return null;
  const time: Condition[] = [];
  const others: Condition[] = [];
  for (const condition of query.scope) (condition.attribute === 'time' ? time : others).push(condition);
  const [only] = others;
  if (others.length !== 1 || only.attribute !== query.field || only.operator !== 'eq') return null;
  return { from: { field: query.field, size: UPSTREAM_TERMS_SIZE, scope: time }, value: only.value };
}

/** `value`'s line of an unfiltered answer; null when the answer is cut and does not list it. */
export function readTermsValue(unfiltered: TermsResponse, value: string): TermsResponse | null {
  const line = unfiltered.terms.find((t) => t.key === value);
  if (line) return { terms: [line], success: true };
  return unfiltered.terms.length < UPSTREAM_TERMS_SIZE ? { terms: [], success: true } : null;
}
