'use client';

import { useMemo } from 'react';
import { downloadText, csvFilename } from '@/components/events/download';
import { ExportAllDialog } from '@/components/events/export-all-dialog';
import { exportEstimate } from '@/components/events/export-plan';
import { eventsToCsv } from '@/components/events/event-fields';
import { EventsPagination } from '@/components/events/events-pagination';
import { FilterBuilder } from '@/components/filters/filter-builder';
import { RangeToolbar } from '@/components/range/range-toolbar';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { FreshnessBadge } from '@/components/ui/freshness-badge';
import { hasTimeFilter } from '@/lib/queries/request-search';
import { EventsResults } from './events-results';
import { PER_PAGE_OPTIONS } from './search-params';
import { useEventsPage } from './use-events-page';
import { useEventsParams } from './use-events-params';

// The range toolbar writes range/from/to itself; `page` goes in the same update.
const CLEAR_ON_RANGE_CHANGE = ['page'] as const;

/** The events explorer: range, filters, one page of events, paging and export. */
export function EventsView() {
  const { params, update } = useEventsParams();
  const { request, query, info } = useEventsPage(params);
  const { data } = query;
  const meta = data?.meta;
  const shownWindow = meta?.window ? { from: Date.parse(meta.window.from), to: Date.parse(meta.window.to) } : undefined;
  const exportParams = useMemo(
    () => ({ time: request.time, conditions: request.conditions }),
    [request.time, request.conditions],
  );
  const settledEvents = info && data ? data.events : null;
  const estimate = exportEstimate(
    settledEvents && info
      ? { page: params.page, perPage: params.per_page, count: settledEvents.length, isLastPage: info.isLastPage }
      : null,
  );

  return (
    <>
      <RangeToolbar
        clearOnChange={CLEAR_ON_RANGE_CHANGE}
        window={shownWindow}
        answers={{ metas: [query.isPlaceholderData ? undefined : meta] }}
      />
      <FilterBuilder
        label="Filters"
        description="Only events matching every filter are shown."
        value={params.f}
        onChange={(f) => update({ f })}
      />
      {request.time.kind === 'preset' && hasTimeFilter(params.f) && (
        <p role="note" className="text-sm text-gray-700 dark:text-gray-300">
          A filter on <code>time</code> sets the window, so the time range above is not applied.
        </p>
      )}
      <Card aria-labelledby="events-results-title">
        <CardHeader
          id="events-results-title"
          title="Events"
          description="Newest first. Expand a row to see the whole event."
          actions={
            <>
              <FreshnessBadge meta={meta} />
              <Button
                disabled={!settledEvents || settledEvents.length === 0}
                onClick={() =>
                  settledEvents && downloadText(csvFilename(`page-${params.page}`), eventsToCsv(settledEvents))
                }
              >
                Export page as CSV
              </Button>
              <ExportAllDialog params={exportParams} estimate={estimate} budget={meta?.budget ?? null} />
            </>
          }
        />
        <div className="flex flex-col gap-3">
          <EventsResults
            query={query}
            page={params.page}
            perPage={params.per_page}
            utc={params.utc}
            filtered={params.f.length > 0}
            onFirstPage={() => update({ page: null })}
          />
          <EventsPagination
            page={params.page}
            perPage={params.per_page}
            perPageOptions={PER_PAGE_OPTIONS}
            info={info}
            busy={query.isFetching && !info}
            onPage={(page) => update({ page })}
            onPerPage={(perPage) => update({ per_page: perPage })}
          />
        </div>
      </Card>
    </>
  );
}
