/**
 * The archive's local query engine: the Reporting API's `events`, `date_histogram` and
 * `terms` answered from the events the archive holds for an application, with the API's
 * semantics (see lib/archive/README.md, "Local queries"), and monthly actives. Queries are
 * the parsed ones of lib/authy/schemas.ts; answers have the API's response shapes.
 */
import 'server-only';
import type { EventsResponse, HistogramResponse, TermsResponse } from '../../authy/responses';
import type { EventsQuery, HistogramQuery, TermsQuery } from '../../authy/schemas';
import type { EventName } from '../../authy/vocabulary';
import type { Store } from '../../db/connect';
import { dialectSql } from './dialect-sql';
import { events } from './events';
import { histogram } from './histogram';
import { terms } from './terms';
import { distinctUsers } from './users';

export class ArchiveQueries {
  constructor(private readonly store: () => Promise<Store>) {}

  /** One page of the matching events, newest first. */
  async events(appId: string, q: EventsQuery): Promise<EventsResponse> {
    const { db, dialect } = await this.store();
    return events(db, dialectSql(dialect), appId, q);
  }

  /** Counts per bucket for each report; `q.interval` must be one `parseInterval` accepts. */
  async histogram(appId: string, q: HistogramQuery): Promise<HistogramResponse> {
    const { db, dialect } = await this.store();
    return histogram(db, dialectSql(dialect), appId, q);
  }

  /** The `q.size` most frequent values of `q.field` among the events in scope. */
  async terms(appId: string, q: TermsQuery): Promise<TermsResponse> {
    const { db, dialect } = await this.store();
    return terms(db, dialectSql(dialect), appId, q);
  }

  /** Distinct users among the events held with time in [from, to), optionally of some names only. */
  async distinctUsers(appId: string, from: number, to: number, events?: readonly EventName[]): Promise<number> {
    const { db } = await this.store();
    return distinctUsers(db, appId, from, to, events);
  }
}
