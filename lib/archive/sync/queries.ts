/** The upstream queries the sync sends, built once here. */
import { timeWithin } from '../../authy/conditions';
import type { UpstreamQuery } from '../../authy/schemas';
import { MAX_BUCKETS } from './buckets';
import { EVENTS_PER_CALL } from './fit';
import type { IntervalParam } from '../../authy/interval';
import { LIMITS } from '../../authy/vocabulary';
import { iso } from './intervals';

type Query<E extends UpstreamQuery['endpoint']> = Extract<UpstreamQuery, { endpoint: E }>;

/** Page `page` (newest first) of the events in [from, to), 100 a page. */
export function eventsPage(from: number, to: number, page: number): Query<'events'> {
  return { endpoint: 'events', params: { query: timeWithin(from, to), page, per_page: EVENTS_PER_CALL } };
}

/**
 * Every event in [from, to) counted per bucket of `interval`: a catch-all report (every
 * event's time is at or after `from`) under the time scope. The interval gives ≤ 100 buckets.
 */
export function countHistogram(from: number, to: number, interval: IntervalParam): Query<'date_histogram'> {
  return {
    endpoint: 'date_histogram',
    params: {
      reports: [{ name: 'all', conditions: [{ attribute: 'time', operator: 'gte', value: iso(from) }] }],
      scope: timeWithin(from, to),
      interval,
      page: 1,
      per_page: MAX_BUCKETS,
    },
  };
}

/** One report per event name, hourly, over [from, to) (≤ 100 hours). */
export function eventNameHistogram(from: number, to: number, names: readonly string[]): Query<'date_histogram'> {
  return {
    endpoint: 'date_histogram',
    params: {
      reports: names.map((name) => ({ name, conditions: [{ attribute: 'event', operator: 'eq', value: name }] })),
      scope: timeWithin(from, to),
      interval: '1h',
      page: 1,
      per_page: MAX_BUCKETS,
    },
  };
}

/**
 * The top values of `field` in [from, to), as many as the API gives (100): the rollups answer
 * terms from a day's list only when it holds fewer, so it is complete (query/rollups.ts).
 */
export function topTerms(from: number, to: number, field: string): Query<'terms'> {
  return { endpoint: 'terms', params: { field, size: LIMITS.size.max, scope: timeWithin(from, to) } };
}
