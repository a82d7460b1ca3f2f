/**
 * URL parsers shared by every page: the time range, the time zone toggle, auto-refresh and
 * filter conditions. Each page's `search-params.ts` combines these with its own; the server
 * (createSearchParamsCache) and the client (useQueryStates) use the same parsers.
 */
import { createParser, parseAsBoolean, parseAsIsoDateTime, parseAsStringLiteral } from 'nuqs/server';
import { isAttributePath, valueProblem } from './authy/attributes';
import type { Condition } from './authy/bracket-codec';
import { OPERATORS, type Operator } from './authy/vocabulary';
import { RANGE_PRESETS } from './ranges';

export const REFRESH_OPTIONS = ['off', '1m', '5m', '15m'] as const;
export type RefreshOption = (typeof REFRESH_OPTIONS)[number];
export const REFRESH_MS: Record<RefreshOption, number | false> = {
  off: false,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
};

/** `range` is a preset; `from`/`to` (absolute, ISO) win over it when both are set. */
export const rangeParsers = {
  range: parseAsStringLiteral(RANGE_PRESETS).withDefault('30d'),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
  utc: parseAsBoolean.withDefault(false),
  refresh: parseAsStringLiteral(REFRESH_OPTIONS).withDefault('off'),
};

const escape = (part: string) => part.replace(/%/g, '%25').replace(/~/g, '%7E').replace(/,/g, '%2C');
const unescape = (part: string) => part.replace(/%2C/gi, ',').replace(/%7E/gi, '~').replace(/%25/g, '%');

export function serializeConditions(conditions: readonly Condition[]): string {
  return conditions.map((c) => [c.attribute, c.operator, c.value].map(escape).join('~')).join(',');
}

/** Parses `attribute~op~value,...`; null (the default) when any part is invalid. */
export function parseConditions(value: string): Condition[] | null {
  if (value === '') return [];
  const conditions: Condition[] = [];
  for (const raw of value.split(',')) {
    const parts = raw.split('~').map(unescape);
    if (parts.length !== 3) return null;
    const [attribute, operator, v] = parts;
    if (!isAttributePath(attribute) || !(OPERATORS as readonly string[]).includes(operator)) return null;
    if (valueProblem(attribute, v)) return null;
    conditions.push({ attribute, operator: operator as Operator, value: v });
  }
  return conditions;
}

/** Filter conditions in one readable URL parameter, e.g. `f=event~eq~token_invalid`. */
export const parseAsConditions = createParser<Condition[]>({
  parse: parseConditions,
  serialize: serializeConditions,
  eq: (a, b) => serializeConditions(a) === serializeConditions(b),
});
