/**
 * The events resource: its key factory, the request it makes and its queryOptions. The key
 * holds every parameter that changes the answer (time spec, conditions, page, page size) and
 * never a timestamp: relative ranges stay relative and the server resolves them.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';
import { parseIsoTime } from '@/lib/authy/attributes';
import { sortConditions, type Condition } from '@/lib/authy/bracket-codec';
import type { EventsResponse } from '@/lib/authy/responses';
import { encodeEventsQuery } from '@/lib/authy/encode';
import type { WithMeta } from './meta';
import type { TimeSpec } from './time-spec';

/** Page sizes the events page offers (the API allows any up to 100; these keep paging simple). */
export const PER_PAGE_OPTIONS = [25, 50, 100] as const;
export type PerPage = (typeof PER_PAGE_OPTIONS)[number];

export type EventsParams = { time: TimeSpec; conditions: Condition[]; page: number; perPage: number };
export type EventsPage = WithMeta<EventsResponse>;

export const eventsKeys = {
  all: ['events'] as const,
  lists: () => [...eventsKeys.all, 'list'] as const,
  // Conditions sorted: the same filters in another order are the same question.
  list: (params: EventsParams) =>
    [...eventsKeys.lists(), { ...params, conditions: sortConditions(params.conditions) }] as const,
};

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

export function fetchEventsPage(params: EventsParams, signal?: AbortSignal): Promise<EventsPage> {
  return fetchJson<EventsPage>(`/api/reporting/events?${eventsSearch(params).toString()}`, { signal });
}

export function eventsQueryOptions(params: EventsParams) {
  return queryOptions({
    queryKey: eventsKeys.list(params),
    queryFn: ({ signal }) => fetchEventsPage(params, signal),
    // Paging keeps the previous page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}
