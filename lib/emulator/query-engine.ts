/**
 * The query engine: turns `query[...]`, `scope[...]` and `report[...]` conditions into an
 * index range over the time-sorted store plus a per-event test.
 *
 * Rules (the emulator's reading of the reference, FACTS.md and the team's issue):
 * - Conditions AND together, within a root (`query`, `scope`) and within one report.
 * - Attributes are dotted paths: `event`, `time`, `request_id`, `objects.<object>.<field>`.
 *   A field named without its type prefix (`user.authy_id`, `objects.phone_verification.country_code`)
 *   is the object's prefixed field when there is exactly one (`canonicalAttribute` in lib/authy).
 * - The field's prefix gives its type: `s_` strings (compared as strings, code unit
 *   order, so `event gte phone_verification_` and `lt q` select a name range), `i_` integers,
 *   `b_` booleans (false < true), `t_` and `time` ISO 8601 timestamps compared as instants,
 *   `as_` string arrays, where every operator asks "does some element satisfy it", so `eq`
 *   means "contains".
 * - `lk` is a case-insensitive match on the value's text (times as ISO strings): `*` is a
 *   wildcard and the pattern must match the whole value; without `*` it matches anywhere
 *   (a substring).
 * - A path an event does not have never matches, nor does null, with any operator: missing
 *   means no match, without exception. An unknown path therefore matches nothing.
 * - Conditions on `time` (other than `lk`) narrow the index range by binary search; the
 *   others are evaluated once per dictionary code and looked up per event.
 * - A query only ever sees the events visible at its moment (visibility.ts: time ≤ the
 *   emulator's clock, inside the retention window, arrived): that window is where its index
 *   range starts, before any condition narrows it.
 */
import { parseIsoTime, type ValueType } from '../authy/attributes';
import type { Condition } from '../authy/bracket-codec';
import type { Operator } from '../authy/vocabulary';
import type { RawValue } from './fields';
import { lowerBound, upperBound } from './store';
import type { Table } from './table';
import type { Visibility } from './visibility';

export type EventTest = (i: number) => boolean;

/** A coded condition: event i passes when `pass[codes[i]]` is 1 (codes shifted by one). */
export type Clause = { codes: Int32Array; pass: Uint8Array };

/**
 * Events in [lo, hi) that pass every clause and every test. Clauses are plain typed-array
 * lookups so the hot loops stay monomorphic; tests cover per-event identifiers.
 */
export type CompiledFilter = { lo: number; hi: number; clauses: Clause[]; tests: EventTest[] };

const NOTHING: CompiledFilter = { lo: 0, hi: 0, clauses: [], tests: [] };

/**
 * `within` is what the query may see (visibility.ts). A histogram's reports compile without
 * it: they only count inside the scope's buckets, and the scope carries it.
 */
export function compileFilter(table: Table, conditions: readonly Condition[], within?: Visibility): CompiledFilter {
  const { time } = table.store;
  let lo = within?.lo ?? 0;
  let hi = within?.hi ?? table.store.size;
  const clauses: Clause[] = [];
  const tests: EventTest[] = within?.arrived ? [within.arrived] : [];
  for (const condition of conditions) {
    if (condition.attribute === 'time' && condition.operator !== 'lk') {
      const at = parseIsoTime(condition.value);
      if (at === null) return NOTHING;
      if (condition.operator === 'gte' || condition.operator === 'eq') lo = Math.max(lo, lowerBound(time, at));
      if (condition.operator === 'gt') lo = Math.max(lo, upperBound(time, at));
      if (condition.operator === 'lt') hi = Math.min(hi, lowerBound(time, at));
      if (condition.operator === 'lte' || condition.operator === 'eq') hi = Math.min(hi, upperBound(time, at));
      continue;
    }
    const field = table.field(condition.attribute);
    if (!field) return NOTHING;
    const matches = valueTest(field.type, condition.operator, condition.value);
    if (field.perEvent) {
      const { code, value } = field;
      tests.push((i) => {
        const c = code(i);
        return c >= 0 && matches(value(c));
      });
      continue;
    }
    const pass = new Uint8Array(field.cardinality + 1);
    let any = false;
    for (let c = 0; c < field.cardinality; c++) {
      if (matches(field.value(c))) pass[c + 1] = 1;
      any ||= pass[c + 1] === 1;
    }
    if (!any) return NOTHING;
    clauses.push({ codes: table.codeColumn(field), pass });
  }
  return { lo, hi: Math.max(lo, hi), clauses, tests };
}

/** Whether event i (assumed inside [lo, hi)) passes the filter's conditions. */
export function passes(filter: CompiledFilter, i: number): boolean {
  const { clauses, tests } = filter;
  for (let k = 0; k < clauses.length; k++) {
    const clause = clauses[k];
    if (clause.pass[clause.codes[i]] === 0) return false;
  }
  for (let k = 0; k < tests.length; k++) if (!tests[k](i)) return false;
  return true;
}

/** A case-insensitive pattern: `*` is a wildcard over the whole value, else a substring. */
export function likePattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(pattern.includes('*') ? `^${escaped}$` : escaped, 'is');
}

const ORDERED: Record<Exclude<Operator, 'lk'>, (sign: number) => boolean> = {
  eq: (sign) => sign === 0,
  lt: (sign) => sign < 0,
  lte: (sign) => sign <= 0,
  gt: (sign) => sign > 0,
  gte: (sign) => sign >= 0,
};

/** Whether a value (of an event that has the attribute) satisfies `op value`. */
export function valueTest(type: ValueType, op: Operator, raw: string): (value: RawValue) => boolean {
  const scalar = scalarTest(type, op, raw);
  return (value) => {
    if (value === null) return false;
    if (Array.isArray(value)) return value.some((element) => scalar(element));
    return scalar(value as string | number | boolean);
  };
}

function scalarTest(type: ValueType, op: Operator, raw: string): (value: string | number | boolean) => boolean {
  if (op === 'lk') {
    const pattern = likePattern(raw);
    const text = type === 'time' ? (v: string | number | boolean) => new Date(Number(v)).toISOString() : String;
    return (value) => pattern.test(text(value));
  }
  const accept = ORDERED[op];
  if (type === 'string' || type === 'string_array') {
    return (value) => {
      const s = String(value);
      return accept(s < raw ? -1 : s > raw ? 1 : 0);
    };
  }
  const target = numericTarget(type, raw);
  if (Number.isNaN(target)) return () => false;
  return (value) => {
    const n = Number(value);
    return accept(n < target ? -1 : n > target ? 1 : 0);
  };
}

function numericTarget(type: ValueType, raw: string): number {
  if (type === 'time') return parseIsoTime(raw) ?? Number.NaN;
  if (type === 'boolean') return raw === 'true' ? 1 : raw === 'false' ? 0 : Number.NaN;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
