/**
 * Conditions (`query[...]`, `scope[...]`, a report's) as SQL. Within a list they AND
 * together. The operator compares in the field's type: strings in code-unit order, numbers
 * as numbers, booleans false < true, times as instants; on an `as_` array some element must
 * satisfy it. `lk` is case-insensitive on the value's text (see like.ts). A missing field,
 * null or a value of another type never matches, nor does a path that names nothing.
 */
import { sql, type SqlBool } from 'kysely';
import { parseIsoTime } from '../../authy/attributes';
import type { Condition } from '../../authy/bracket-codec';
import type { Operator } from '../../authy/vocabulary';
import type { DialectSql, Fragment } from './dialect-sql';
import { likePattern } from './like';
import { resolveTarget, type StringColumn } from './target';

/** How a row source names the time (epoch ms) and the extracted string columns. */
export type RowRefs = { time: Fragment<number>; column(name: StringColumn): Fragment<string | null> };

/** A row of archive_events. */
export const EVENT_ROW: RowRefs = { time: sql`time_ms`, column: (name) => sql.ref(name) };

const NEVER: Fragment<SqlBool> = sql<SqlBool>`(1 = 0)`;
export const ALWAYS: Fragment<SqlBool> = sql<SqlBool>`(1 = 1)`;

const COMPARISON: Record<Exclude<Operator, 'lk'>, string> = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

export function allConditions(d: DialectSql, conditions: readonly Condition[], row: RowRefs = EVENT_ROW) {
  if (conditions.length === 0) return ALWAYS;
  return sql<SqlBool>`(${sql.join(
    conditions.map((c) => condition(d, c, row)),
    sql` AND `,
  )})`;
}

export function condition(d: DialectSql, c: Condition, row: RowRefs = EVENT_ROW): Fragment<SqlBool> {
  const target = resolveTarget(c.attribute);
  switch (target.kind) {
    case 'nothing':
      return NEVER;
    case 'time':
      return c.operator === 'lk' ? d.like(d.isoOfMs(row.time), likePattern(c.value)) : compareInstant(row.time, c);
    case 'column':
      return compareText(d, row.column(target.column), c);
    case 'json': {
      const { path } = target;
      switch (target.type) {
        case 'string':
          return compareText(d, d.string(path), c);
        case 'integer': {
          if (c.operator === 'lk') return d.like(d.scalarText(path, 'integer'), likePattern(c.value));
          if (!/^-?\d+$/.test(c.value)) return NEVER;
          return compare(d.number(path), c.operator, sql`${Number(c.value)}`);
        }
        case 'boolean': {
          if (c.operator === 'lk') return d.like(d.scalarText(path, 'boolean'), likePattern(c.value));
          if (c.value !== 'true' && c.value !== 'false') return NEVER;
          return compare(d.boolean(path), c.operator, d.booleanValue(c.value === 'true'));
        }
        case 'time': {
          if (c.operator === 'lk') return d.like(d.isoTime(path), likePattern(c.value));
          const at = parseIsoTime(c.value);
          if (at === null) return NEVER;
          return compare(d.binary(d.isoTime(path)), c.operator, sql`${isoBound(at)}`);
        }
        case 'string_array': {
          const alias = 'condition_element';
          const element = d.elements(path, alias);
          return sql<SqlBool>`EXISTS (SELECT 1 FROM ${element.from} AS ${sql.id(alias)}
            WHERE ${element.where} AND ${compareText(d, element.text, c)})`;
        }
      }
    }
  }
}

function compare(value: Fragment, operator: Exclude<Operator, 'lk'>, target: Fragment): Fragment<SqlBool> {
  return sql<SqlBool>`(${value} ${sql.raw(COMPARISON[operator])} ${target})`;
}

function compareText(d: DialectSql, value: Fragment<string | null>, c: Condition): Fragment<SqlBool> {
  if (c.operator === 'lk') return d.like(value, likePattern(c.value));
  return compare(d.binary(value), c.operator, sql`${c.value}`);
}

function compareInstant(time: Fragment<number>, c: Condition): Fragment<SqlBool> {
  const at = parseIsoTime(c.value);
  if (at === null || c.operator === 'lk') return NEVER;
  return compare(time, c.operator, sql`${at}`);
}

const FIRST_ISO = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_ISO = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An instant as the ISO text a `t_` field is compared with: in the API's fixed-width form,
 * text order is time order. An instant outside years 0-9999 (a query's offset can push it
 * there) becomes a string below or above every such text, so the comparison stays right.
 */
function isoBound(at: number): string {
  if (at < FIRST_ISO) return '';
  if (at > LAST_ISO) return '~';
  return new Date(at).toISOString();
}

/**
 * Where `time` conditions can change their answer: every instant t such that a condition
 * holds on one side of t and not the other (`gte x`: x; `lte x`: x + 1 ms). Between two
 * consecutive boundaries every time condition is constant. Null when a time condition
 * cannot hold at all (a value that is not a time, or `lk`).
 */
export function timeBoundaries(conditions: readonly Condition[]): number[] | null {
  const boundaries: number[] = [];
  for (const c of conditions) {
    if (resolveTarget(c.attribute).kind !== 'time') continue;
    const at = parseIsoTime(c.value);
    if (at === null || c.operator === 'lk') return null;
    if (c.operator === 'gte' || c.operator === 'lt' || c.operator === 'eq') boundaries.push(at);
    if (c.operator === 'gt' || c.operator === 'lte' || c.operator === 'eq') boundaries.push(at + 1);
  }
  return boundaries;
}

/** The half-open window [from, to) outside which the `time` conditions never hold. */
export function timeWindow(conditions: readonly Condition[]): { from: number; to: number } {
  let from = -Infinity;
  let to = Infinity;
  for (const c of conditions) {
    if (resolveTarget(c.attribute).kind !== 'time' || c.operator === 'lk') continue;
    const at = parseIsoTime(c.value);
    if (at === null) continue;
    if (c.operator === 'gte' || c.operator === 'eq') from = Math.max(from, at);
    if (c.operator === 'gt') from = Math.max(from, at + 1);
    if (c.operator === 'lt') to = Math.min(to, at);
    if (c.operator === 'lte' || c.operator === 'eq') to = Math.min(to, at + 1);
  }
  return { from, to };
}
