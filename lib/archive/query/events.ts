/**
 * The events endpoint, as the API answers it: the events matching every condition, newest
 * first (events of one millisecond by request_id, then event name, descending, in code-unit
 * order), one page of them, no total. The page's keys are found first, from the indexes,
 * and only its bodies are read.
 */
import type { Kysely } from 'kysely';
import { authyEventSchema, type EventsResponse } from '../../authy/responses';
import type { EventsQuery } from '../../authy/schemas';
import type { Database } from '../../db/schema';
import { allConditions } from './conditions';
import type { DialectSql } from './dialect-sql';

export async function events(
  db: Kysely<Database>,
  d: DialectSql,
  appId: string,
  q: EventsQuery,
): Promise<EventsResponse> {
  const page = db
    .selectFrom('archive_events')
    .select(['request_id', 'event', 'time_ms'])
    .where('app_id', '=', appId)
    .where(allConditions(d, q.query))
    .orderBy('time_ms', 'desc')
    .orderBy('request_id', 'desc')
    .orderBy('event', 'desc')
    .limit(q.per_page)
    .offset((q.page - 1) * q.per_page);
  const rows = await db
    .selectFrom(page.as('page'))
    .innerJoin('archive_events as held', (join) =>
      join
        .on('held.app_id', '=', appId)
        .onRef('held.request_id', '=', 'page.request_id')
        .onRef('held.event', '=', 'page.event')
        .onRef('held.time_ms', '=', 'page.time_ms'),
    )
    .select('held.body')
    .orderBy('page.time_ms', 'desc')
    .orderBy('page.request_id', 'desc')
    .orderBy('page.event', 'desc')
    .execute();
  return { events: rows.map((row) => authyEventSchema.parse(JSON.parse(row.body))), success: true };
}
