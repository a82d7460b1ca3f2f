/**
 * The terms endpoint: counts of each value of `field` among the events in scope, most
 * frequent first (ties by key), the top `size`. Each element of an `as_` array counts;
 * events without the field (or with null) are not counted.
 */
import type { Term, TermsResponse } from '../authy/responses';
import type { TermsQuery } from '../authy/schemas';
import type { Field, RawValue } from './fields';
import { isoTime } from './materialize';
import { compileFilter, passes } from './query-engine';
import type { Table } from './table';
import type { Visibility } from './visibility';

export function runTerms(table: Table, q: TermsQuery, visible: Visibility): TermsResponse {
  const field = table.field(q.field);
  if (!field) return { terms: [], success: true };
  const scope = compileFilter(table, q.scope, visible);
  const { lo, hi } = scope;
  const totals = new Map<string, number>();
  const add = (value: RawValue, count: number) => {
    for (const key of keysOf(field, value)) totals.set(key, (totals.get(key) ?? 0) + count);
  };

  if (field.perEvent) {
    for (let i = lo; i < hi; i++) {
      if (!passes(scope, i)) continue;
      const c = field.code(i);
      if (c >= 0) add(field.value(c), 1);
    }
  } else {
    // Count per code (shifted by one, 0 = field missing), then turn codes into keys.
    const codes = table.codeColumn(field);
    const perCode = new Int32Array(field.cardinality + 1);
    for (let i = lo; i < hi; i++) if (passes(scope, i)) perCode[codes[i]]++;
    // When codes and keys are one to one, only codes that can reach the top need keys.
    const floor = field.distinct ? Math.max(1, nthLargest(perCode.subarray(1), q.size)) : 1;
    for (let c = 1; c < perCode.length; c++) if (perCode[c] >= floor) add(field.value(c - 1), perCode[c]);
  }
  return { terms: topTerms(totals, q.size), success: true };
}

function keysOf(field: Field, value: RawValue): readonly string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  if (field.type === 'time' && typeof value === 'number') return [isoTime(value)];
  return [String(value)];
}

export function topTerms(totals: Map<string, number>, size: number): Term[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, size)
    .map(([key, count]) => ({ key, count }));
}

/** The n-th largest count (0 when there are fewer than n). */
function nthLargest(counts: Int32Array, n: number): number {
  if (counts.length < n) return 0;
  const sorted = Int32Array.from(counts).sort();
  return sorted[sorted.length - n];
}
