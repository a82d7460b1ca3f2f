/** The events endpoint: matching events newest first, one page of them, no total (as upstream). */
import type { EventsResponse } from '../authy/responses';
import type { EventsQuery } from '../authy/schemas';
import { materializeEvent } from './materialize';
import { compileFilter, passes } from './query-engine';
import type { Table } from './table';
import type { Visibility } from './visibility';

/** Indexes of the page's events, newest first. */
export function eventsPage(table: Table, q: EventsQuery, visible: Visibility): number[] {
  const filter = compileFilter(table, q.query, visible);
  const { lo, hi } = filter;
  let skip = (q.page - 1) * q.per_page;
  const page: number[] = [];
  for (let i = hi - 1; i >= lo && page.length < q.per_page; i--) {
    if (!passes(filter, i)) continue;
    if (skip > 0) skip--;
    else page.push(i);
  }
  return page;
}

export function runEvents(table: Table, q: EventsQuery, visible: Visibility): EventsResponse {
  return { events: eventsPage(table, q, visible).map((i) => materializeEvent(table, i)), success: true };
}
