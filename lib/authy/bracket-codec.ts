/**
 * The bracket query language: `query[attr][op]=v`, `scope[attr][op]=v`,
 * `report[name][attr][op]=v`. Decoding groups flat URL entries into conditions and names the
 * offending parameter when a key is malformed; encoding writes the canonical form (sorted,
 * defaults explicit) that doubles as the cache key.
 */
import { isAttributePath, valueProblem } from './attributes';
import { OPERATORS, type Operator } from './vocabulary';

export type Condition = { attribute: string; operator: Operator; value: string };
export type Report = { name: string; conditions: Condition[] };
export type Entries = ReadonlyArray<readonly [string, string]>;

export const CONDITION_ROOTS = ['query', 'scope', 'report'] as const;

const KEY_PATTERN = /^([A-Za-z_]+)((?:\[[^[\]]*\])*)$/;
/** The name before a key's first bracket, for keys whose brackets do not parse (`query[event[eq]`). */
const BRACKETED_NAME = /^([A-Za-z_]+)[[\]]/;
/** A report name the upstream accepts: `report[name][…][…]`. */
export const REPORT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_CONDITIONS = 20;
export const MAX_REPORTS = 20;

export type KeyIssue = { field: string; message: string };

/** Splits `report[a][event][eq]` into `report` and `['a', 'event', 'eq']`. */
export function parseBracketKey(key: string): { root: string; segments: string[] } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const segments = match[2] ? match[2].slice(1, -1).split('][') : [];
  return { root: match[1], segments };
}

function isOperator(value: string): value is Operator {
  return (OPERATORS as readonly string[]).includes(value);
}

export type DecodedParams = {
  query: Condition[];
  scope: Condition[];
  reports: Report[];
  scalars: Record<string, string>;
};

/**
 * Groups entries into conditions and scalars. `allowed` lists the roots this endpoint takes;
 * anything else is an issue (or ignored, when `ignoreUnknown`, as the upstream does).
 */
export function decodeEntries(
  entries: Entries,
  allowed: ReadonlySet<string>,
  options: { ignoreUnknown?: boolean } = {},
): { decoded: DecodedParams; issues: KeyIssue[] } {
  const decoded: DecodedParams = { query: [], scope: [], reports: [], scalars: {} };
  const issues: KeyIssue[] = [];
  const seen = new Set<string>();
  const reports = new Map<string, Condition[]>();

  for (const [key, value] of entries) {
    const parsed = parseBracketKey(key);
    // A key that opens a bracket it never closes still names its root: `query[event[eq]=x`
    // is a malformed condition, not an unknown parameter to ignore (which would drop the filter).
    const root = parsed?.root ?? BRACKETED_NAME.exec(key)?.[1] ?? key;
    if (!allowed.has(root)) {
      if (!options.ignoreUnknown) issues.push({ field: key, message: `unknown parameter ${key}` });
      continue;
    }
    if (seen.has(key)) {
      issues.push({ field: key, message: `${key} is given more than once` });
      continue;
    }
    seen.add(key);
    const isConditionRoot = (CONDITION_ROOTS as readonly string[]).includes(root);
    const shape = root === 'report' ? `report[name][attribute][operator]` : `${root}[attribute][operator]`;
    if (!parsed || (!isConditionRoot && parsed.segments.length > 0)) {
      issues.push({
        field: key,
        message: `malformed parameter name ${key}${isConditionRoot ? `: expected ${shape}` : ''}`,
      });
      continue;
    }
    if (!isConditionRoot) {
      decoded.scalars[root] = value;
      continue;
    }
    const expected = root === 'report' ? 3 : 2;
    if (parsed.segments.length !== expected) {
      issues.push({ field: key, message: `malformed parameter name ${key}: expected ${shape}` });
      continue;
    }
    const [attribute, operator] = parsed.segments.slice(-2);
    const problem = conditionProblem(attribute, operator, value);
    if (problem) {
      issues.push({ field: key, message: `${key}: ${problem}` });
      continue;
    }
    const condition: Condition = { attribute, operator: operator as Operator, value };
    if (root === 'report') {
      const name = parsed.segments[0];
      if (!REPORT_NAME.test(name)) {
        issues.push({ field: key, message: `${key}: a report name is 1-64 letters, digits, _ or -` });
        continue;
      }
      reports.set(name, [...(reports.get(name) ?? []), condition]);
    } else {
      decoded[root as 'query' | 'scope'].push(condition);
    }
  }
  decoded.reports = [...reports].map(([name, conditions]) => ({ name, conditions }));
  for (const root of ['query', 'scope'] as const) {
    if (decoded[root].length > MAX_CONDITIONS) {
      issues.push({ field: root, message: `at most ${MAX_CONDITIONS} ${root} conditions` });
    }
  }
  if (decoded.reports.length > MAX_REPORTS) {
    issues.push({ field: 'report', message: `at most ${MAX_REPORTS} reports` });
  }
  if (decoded.reports.some((report) => report.conditions.length > MAX_CONDITIONS)) {
    issues.push({ field: 'report', message: `at most ${MAX_CONDITIONS} conditions per report` });
  }
  return { decoded, issues };
}

function conditionProblem(attribute: string, operator: string, value: string): string | null {
  if (!isAttributePath(attribute)) return `"${attribute}" is not an attribute path such as objects.user.s_country_code`;
  if (!isOperator(operator)) return `unknown operator "${operator}" (use ${OPERATORS.join(', ')})`;
  return valueProblem(attribute, value);
}

function compareConditions(a: Condition, b: Condition): number {
  return a.attribute.localeCompare(b.attribute, 'en') || a.operator.localeCompare(b.operator, 'en');
}

/** Conditions in canonical order, so equal queries encode to equal strings. */
export function sortConditions(conditions: readonly Condition[]): Condition[] {
  return [...conditions].sort(compareConditions);
}

export function conditionEntries(root: 'query' | 'scope', conditions: readonly Condition[]): [string, string][] {
  return sortConditions(conditions).map((c) => [`${root}[${c.attribute}][${c.operator}]`, c.value]);
}

export function reportEntries(reports: readonly Report[]): [string, string][] {
  return [...reports]
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .flatMap((report) =>
      sortConditions(report.conditions).map((c): [string, string] => [
        `report[${report.name}][${c.attribute}][${c.operator}]`,
        c.value,
      ]),
    );
}
