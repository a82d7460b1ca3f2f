/**
 * The canonical URL form of each upstream query: conditions sorted, defaults explicit. Kept
 * free of zod so the browser can build request URLs without shipping the validators.
 */
import { conditionEntries, reportEntries, type Condition, type Report } from './bracket-codec';
import type { IntervalParam } from './interval';

export type EventsQuery = { query: Condition[]; page: number; per_page: number };
export type HistogramQuery = {
  reports: Report[];
  scope: Condition[];
  interval: IntervalParam;
  page: number;
  per_page: number;
};
export type TermsQuery = { field: string; size: number; scope: Condition[] };
export type UpstreamQuery =
  | { endpoint: 'events'; params: EventsQuery }
  | { endpoint: 'date_histogram'; params: HistogramQuery }
  | { endpoint: 'terms'; params: TermsQuery };

export function encodeEventsQuery(q: EventsQuery): URLSearchParams {
  return new URLSearchParams([
    ...conditionEntries('query', q.query),
    ['page', String(q.page)],
    ['per_page', String(q.per_page)],
  ]);
}

export function encodeHistogramQuery(q: HistogramQuery): URLSearchParams {
  return new URLSearchParams([
    ...reportEntries(q.reports),
    ...conditionEntries('scope', q.scope),
    ['interval', q.interval],
    ['page', String(q.page)],
    ['per_page', String(q.per_page)],
  ]);
}

export function encodeTermsQuery(q: TermsQuery): URLSearchParams {
  return new URLSearchParams([['field', q.field], ...conditionEntries('scope', q.scope), ['size', String(q.size)]]);
}

export function encodeUpstreamQuery(q: UpstreamQuery): URLSearchParams {
  switch (q.endpoint) {
    case 'events':
      return encodeEventsQuery(q.params);
    case 'date_histogram':
      return encodeHistogramQuery(q.params);
    case 'terms':
      return encodeTermsQuery(q.params);
  }
}
