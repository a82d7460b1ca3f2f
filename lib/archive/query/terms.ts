/**
 * Terms, as the API answers them: how many events in scope hold each value of `field`, most
 * frequent first, ties by key in code-unit order, the top `size`. Each element of an `as_`
 * array counts; events without the field (or with null, or a value of another type) are not
 * counted. Keys are the values' text: numbers and booleans as JSON writes them, times as ISO.
 */
import { sql, type Kysely } from 'kysely';
import type { Term, TermsResponse } from '../../authy/responses';
import type { TermsQuery } from '../../authy/schemas';
import type { Database } from '../../db/schema';
import { ALWAYS, allConditions } from './conditions';
import type { DialectSql, Elements, Fragment } from './dialect-sql';
import {
  countable,
  countsSource,
  eventsSource,
  grainsFor,
  isCountedField,
  valueCountsSource,
  type Source,
} from './sources';
import { resolveTarget } from './target';

/** The key's text, and for array elements the table function that yields them. */
type Key = { text: Fragment<string | null>; elements?: Elements };

const ELEMENT = 'term_element';

export async function terms(db: Kysely<Database>, d: DialectSql, appId: string, q: TermsQuery): Promise<TermsResponse> {
  const target = resolveTarget(q.field);
  if (target.kind === 'nothing') return { terms: [], success: true };
  // Terms on `event` or a field counted per value, in a scope of `event` and `time` only,
  // count from the counts kept beside the events.
  let source: Source = eventsSource(appId);
  if (target.kind === 'column' && countable(q.scope)) {
    if (target.column === 'event') source = countsSource(appId, q.scope, q.scope, grainsFor(null));
    else if (isCountedField(target.column)) source = valueCountsSource(appId, q.scope, target.column);
  }

  let key: Key;
  if (target.kind === 'time') key = { text: d.isoOfMs(source.row.time) };
  else if (target.kind === 'column') key = { text: source.row.column(target.column) };
  else if (target.type === 'string') key = { text: d.string(target.path) };
  else if (target.type === 'integer' || target.type === 'boolean')
    key = { text: d.scalarText(target.path, target.type) };
  else if (target.type === 'time') key = { text: d.isoTime(target.path) };
  else {
    const elements = d.elements(target.path, ELEMENT);
    key = { text: elements.text, elements };
  }

  const from = [source.from.as('source'), ...(key.elements ? [key.elements.from.as(ELEMENT)] : [])];
  const rows = await db
    .selectFrom(from)
    .select([d.binary(key.text).as('term'), sql<number>`sum(${source.weight})`.as('count')])
    .where(source.where)
    .where(allConditions(d, q.scope, source.row))
    .where(key.elements?.where ?? ALWAYS)
    .where(key.text, 'is not', null)
    .groupBy(sql`term`)
    .orderBy(sql`count`, 'desc')
    .orderBy(sql`term`)
    .limit(q.size)
    .execute();
  const found: Term[] = rows.map((row) => ({ key: String(row.term), count: Number(row.count) }));
  // The store sorted them already; code-unit order settles the one case it may differ in
  // (characters beyond U+FFFF against U+E000-U+FFFF, see the README).
  return {
    terms: found.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    success: true,
  };
}
