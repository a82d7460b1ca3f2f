/**
 * The events resource: its key factory, the request it makes and its queryOptions. The key
 * holds every parameter that changes the answer (time spec, conditions, page, page size) and
 * never a timestamp: relative ranges stay relative and the server resolves them.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';
import { sortConditions, type Condition } from '@/lib/authy/bracket-codec';
import type { EventsResponse } from '@/lib/authy/responses';
import type { WithMeta } from './meta';
import { eventsSearch } from './request-search';
import type { TimeSpec } from './time-spec';

export type EventsParams = { time: TimeSpec; conditions: Condition[]; page: number; perPage: number };
export type EventsPage = WithMeta<EventsResponse>;

export const eventsKeys = {
  all: ['events'] as const,
  lists: () => [...eventsKeys.all, 'list'] as const,
  // Conditions sorted: the same filters in another order are the same question.
  list: (params: EventsParams) =>
    [...eventsKeys.lists(), { ...params, conditions: sortConditions(params.conditions) }] as const,
};

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
