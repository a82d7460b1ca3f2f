/**
 * The histogram page's URL contract:
 *   s       series, `name:conditions;name:conditions` with conditions as in `f`
 *           (e.g. `s=verified:event~eq~token_verified;invalid:event~eq~token_invalid`)
 *   f       scope filters shared by every series (`attribute~op~value,...`)
 *   interval  a named interval or a length such as `1.5h`; unset = fit the range
 *   hide    series hidden from the chart (legend toggles), comma-separated names
 *   view    `chart` or `table`
 * plus the shared range/from/to/utc/refresh.
 */
import {
  createParser,
  createSearchParamsCache,
  parseAsArrayOf,
  parseAsString,
  parseAsStringLiteral,
} from 'nuqs/server';
import { MAX_REPORTS, REPORT_NAME, type Report } from '@/lib/authy/bracket-codec';
import { eventIs } from '@/lib/authy/conditions';
import { parseAsInterval } from '@/lib/queries/intervals';
import { parseAsConditions, parseConditions, rangeParsers, serializeConditions } from '@/lib/view-params';

/** A series is an upstream report, so its name follows the upstream's rule. */
export const SERIES_NAME = REPORT_NAME;

export const DEFAULT_SERIES: Report[] = [
  { name: 'verified', conditions: [eventIs('token_verified')] },
  { name: 'invalid', conditions: [eventIs('token_invalid')] },
];

// Conditions already escape `%`, so a literal `;` inside a value can travel as `%3B`.
export function serializeSeries(series: readonly Report[]): string {
  return series.map((s) => `${s.name}:${serializeConditions(s.conditions).replace(/;/g, '%3B')}`).join(';');
}

/** Null (the default) unless every series has a valid unique name and at least one valid condition. */
export function parseSeries(value: string): Report[] | null {
  const series: Report[] = [];
  const names = new Set<string>();
  for (const part of value.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) return null;
    const name = part.slice(0, colon);
    const conditions = parseConditions(part.slice(colon + 1).replace(/%3B/gi, ';'));
    if (!SERIES_NAME.test(name) || names.has(name) || !conditions || conditions.length === 0) return null;
    names.add(name);
    series.push({ name, conditions });
  }
  return series.length > 0 && series.length <= MAX_REPORTS ? series : null;
}

export const parseAsSeries = createParser<Report[]>({
  parse: parseSeries,
  serialize: serializeSeries,
  eq: (a, b) => serializeSeries(a) === serializeSeries(b),
});

export const HISTOGRAM_VIEWS = ['chart', 'table'] as const;

export const histogramParsers = {
  ...rangeParsers,
  s: parseAsSeries.withDefault(DEFAULT_SERIES),
  f: parseAsConditions.withDefault([]),
  interval: parseAsInterval,
  hide: parseAsArrayOf(parseAsString).withDefault([]),
  view: parseAsStringLiteral(HISTOGRAM_VIEWS).withDefault('chart'),
};

export const histogramSearchParamsCache = createSearchParamsCache(histogramParsers);
