'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { pageInfo } from '@/components/events/pagination';
import { eventsQueryOptions, type EventsParams } from '@/lib/queries/events';
import { eventsViewRequest } from '@/lib/queries/page-requests';
import { refetchEvery } from '@/lib/queries/refetch';
import type { EventsSearchParams } from './search-params';

/** The page of events the URL asks for, and what it tells about the pages around it. */
export function useEventsPage(params: EventsSearchParams) {
  const { range, from, to, f, page, per_page: perPage, refresh } = params;
  const fromMs = from?.getTime() ?? null;
  const toMs = to?.getTime() ?? null;
  const request = useMemo(
    (): EventsParams =>
      eventsViewRequest({
        range,
        from: fromMs === null ? null : new Date(fromMs),
        to: toMs === null ? null : new Date(toMs),
        f,
        page,
        per_page: perPage,
      }),
    [range, fromMs, toMs, f, page, perPage],
  );

  const query = useQuery({ ...eventsQueryOptions(request), ...refetchEvery(refresh) });
  // While the next page loads, the previous page stays on screen; its counts say nothing
  // about the page the URL now names, so paging waits for the real answer.
  const settled = query.data !== undefined && !query.isPlaceholderData;
  const info = settled ? pageInfo(page, perPage, query.data.events.length) : null;
  return { request, query, info };
}
