/**
 * The query strings the pages send to the reporting and MAU routes, built from the view as the
 * URL says it. Pure and free of React Query, so the server builds a page's requests with the
 * very same functions when it plans what the page will cost (GET /api/plan).
 */
import { parseIsoTime } from '@/lib/authy/attributes';
import { conditionEntries, reportEntries, type Condition, type Report } from '@/lib/authy/bracket-codec';
import { encodeEventsQuery } from '@/lib/authy/encode';
import type { EventsParams } from './events';
import type { HistogramParams, TermsParams } from './reporting';
import { timeEntries } from './time-spec';

/** `report[...]`, `scope[...]`, `interval` and the time, as the histogram route takes them. */
export function histogramSearch(q: {
  reports: readonly Report[];
  scope: readonly Condition[];
  interval: string;
  time: [string, string][];
}): URLSearchParams {
  return new URLSearchParams([
    ...reportEntries(q.reports),
    ...conditionEntries('scope', q.scope),
    ['interval', q.interval],
    ...q.time,
  ]);
}

export function termsSearch(q: {
  field: string;
  size: number;
  scope: readonly Condition[];
  time: [string, string][];
}): URLSearchParams {
  return new URLSearchParams([
    ['field', q.field],
    ['size', String(q.size)],
    ...conditionEntries('scope', q.scope),
    ...q.time,
  ]);
}

function isBound(condition: Condition, operator: 'gte' | 'lt'): boolean {
  return condition.attribute === 'time' && condition.operator === operator;
}

/**
 * An absolute window becomes `query[time][gte]`/`[lt]`. A user's own time filter with the same
 * operator would repeat that key (a 400), so the two are intersected: the later start and the
 * earlier end win.
 */
export function withTimeWindow(conditions: readonly Condition[], window: { from: string; to: string }): Condition[] {
  const userFrom = conditions.find((c) => isBound(c, 'gte'));
  const userTo = conditions.find((c) => isBound(c, 'lt'));
  const later = (a: string, b: string | undefined) =>
    b !== undefined && (parseIsoTime(b) ?? -Infinity) > Date.parse(a) ? b : a;
  const earlier = (a: string, b: string | undefined) =>
    b !== undefined && (parseIsoTime(b) ?? Infinity) < Date.parse(a) ? b : a;
  return [
    ...conditions.filter((c) => !isBound(c, 'gte') && !isBound(c, 'lt')),
    { attribute: 'time', operator: 'gte', value: later(window.from, userFrom?.value) },
    { attribute: 'time', operator: 'lt', value: earlier(window.to, userTo?.value) },
  ];
}

/** A filter on `time` is an explicit window; the server refuses it next to a `range` preset. */
export function hasTimeFilter(conditions: readonly Condition[]): boolean {
  return conditions.some((c) => c.attribute === 'time');
}

/**
 * The query string of `/api/reporting/events` for a view. A preset goes as `range` for the
 * server to resolve, unless a time filter already sets the window: then the filter wins
 * (resolving the preset here would put "now" into the request and the cache key).
 */
export function eventsSearch(params: EventsParams): URLSearchParams {
  const query = params.time.kind === 'absolute' ? withTimeWindow(params.conditions, params.time) : params.conditions;
  const search = encodeEventsQuery({ query, page: params.page, per_page: params.perPage });
  if (params.time.kind === 'preset' && !hasTimeFilter(params.conditions)) search.set('range', params.time.range);
  return search;
}

/** The histogram route's query string for a page's histogram. */
export function histogramRequest(params: HistogramParams): URLSearchParams {
  return histogramSearch({ ...params, time: timeEntries(params.time, 'scope') });
}

/** The terms route's query string for a page's terms. */
export function termsRequest(params: TermsParams): URLSearchParams {
  return termsSearch({ ...params, time: timeEntries(params.time, 'scope') });
}

export type MauMonths = { from: string; to: string };

/** `calls` is the most the request may spend; 0 only reads what is counted already. */
export function mauPath(months: MauMonths, calls?: number): string {
  const search = new URLSearchParams({ from: months.from, to: months.to });
  if (calls !== undefined) search.set('calls', String(calls));
  return `/api/mau?${search.toString()}`;
}
