/**
 * One Reporting API request in the terms of the page that answers it: conditions become the
 * page's filters (`f`), reports its series (`s`), `time` conditions its window, and `interval`,
 * `field`, `size`, `page` and `per_page` its own parameters. Keys are decoded with the shared
 * bracket codec and values checked with the shared parameter schemas, so whatever the API
 * would refuse is named here too, at its own key.
 */
import { isInterval } from '@/lib/authy/interval';
import { decodeEntries, parseBracketKey, type Condition, type Entries } from '@/lib/authy/bracket-codec';
import { ENDPOINT_PARAMS, PARAM_SCHEMAS, type Endpoint, type ScalarParam } from '@/lib/authy/schemas';
import { LIMITS, OPERATOR_LABELS } from '@/lib/authy/vocabulary';
import { eventsPaging } from './events-paging';
import { readTimeWindow } from './time-window';
import type { ImportedView, ImportProblem, Translation, Understood } from './types';

const PARAMS_IN_WORDS: Record<Endpoint, string> = {
  events: 'query[attribute][operator], page and per_page',
  date_histogram: 'report[name][attribute][operator], scope[attribute][operator], interval, page and per_page',
  terms: 'field, size and scope[attribute][operator]',
};

/** The parameter a key belongs to: `query` for `query[event][eq]`, and for a malformed `query[event`. */
export function rootOf(key: string): string {
  return parseBracketKey(key)?.root ?? /^[A-Za-z_]+(?=\[)/.exec(key)?.[0] ?? key;
}

function describeCondition(c: Condition): string {
  return `${c.attribute} ${OPERATOR_LABELS[c.operator]} ${c.value}`;
}

const isTime = (c: Condition) => c.attribute === 'time';

export function translateRequest(endpoint: Endpoint, entries: Entries, now: number): Translation {
  const allowed = ENDPOINT_PARAMS[endpoint];
  const problems: ImportProblem[] = [];
  const kept: [string, string][] = [];
  for (const [key, value] of entries) {
    const root = rootOf(key);
    if (!allowed.has(root)) {
      problems.push({
        subject: key,
        message: `${key} is not a parameter of ${endpoint} requests, which take ${PARAMS_IN_WORDS[endpoint]}.`,
      });
    } else if (root !== key && !parseBracketKey(key)) {
      problems.push({ subject: key, message: `${key} is not a well-formed name: its brackets do not pair up.` });
    } else {
      kept.push([key, value]);
    }
  }
  const { decoded, issues } = decodeEntries(kept, allowed);
  problems.push(...issues.map((issue) => ({ subject: issue.field, message: issue.message })));
  const scalars = readScalars(decoded.scalars, problems);
  const understood: Understood[] = [];
  const notes: string[] = [];

  const conditions = endpoint === 'events' ? decoded.query : decoded.scope;
  const window = readTimeWindow(conditions.filter(isTime), endpoint === 'events' ? 'query' : 'scope', now);
  problems.push(...window.problems);
  const filters = conditions.filter((c) => !isTime(c));
  const filterLabel = endpoint === 'events' ? 'Condition' : 'Scope';
  for (const c of filters) understood.push({ label: filterLabel, value: describeCondition(c) });
  for (const report of decoded.reports) {
    understood.push({ label: `Series ${report.name}`, value: report.conditions.map(describeCondition).join(' and ') });
  }
  if (window.described) understood.push({ label: 'Time window', value: window.described });
  const time = window.time ?? undefined;
  const paged = scalars.page !== undefined || scalars.per_page !== undefined;
  const page = Number(scalars.page ?? LIMITS.page.default);
  const perPage = Number(scalars.per_page ?? LIMITS.perPage.default);

  let view: ImportedView;
  switch (endpoint) {
    case 'events': {
      const paging = paged ? eventsPaging(page, perPage) : null;
      if (paging) understood.push({ label: 'Page', value: `page ${page}, ${perPage} events a page` });
      if (paging?.note) notes.push(paging.note);
      view = {
        page: '/events',
        conditions: filters,
        ...(time && { time }),
        ...(paging && { pageNumber: paging.pageNumber, perPage: paging.perPage }),
      };
      break;
    }
    case 'date_histogram':
      if (scalars.interval !== undefined) understood.push({ label: 'Interval', value: scalars.interval });
      if (paged) {
        notes.push(
          `page=${page} and per_page=${perPage} page through the buckets; the histogram page draws every bucket of the window at once, so they are not needed.`,
        );
      }
      view = {
        page: '/histogram',
        series: decoded.reports,
        scope: filters,
        ...(time && { time }),
        // Checked by the interval's own schema above; the guard narrows the type.
        ...(scalars.interval !== undefined && isInterval(scalars.interval) && { interval: scalars.interval }),
      };
      break;
    case 'terms':
      if (scalars.field !== undefined) understood.push({ label: 'Field', value: scalars.field });
      if (scalars.size !== undefined) understood.push({ label: 'Top', value: `${scalars.size} values` });
      view = {
        page: '/terms',
        scope: filters,
        ...(time && { time }),
        ...(scalars.field !== undefined && { field: scalars.field }),
        ...(scalars.size !== undefined && { size: Number(scalars.size) }),
      };
  }
  return { endpoint, understood, notes, problems: inRequestOrder(problems, entries), view };
}

/** Problems in the order of the parameters they are about, so each reads next to its neighbours. */
function inRequestOrder(problems: ImportProblem[], entries: Entries): ImportProblem[] {
  const order = (subject: string) => {
    const at = entries.findIndex(([key]) => key === subject || key.startsWith(`${subject}[`));
    return at < 0 ? entries.length : at;
  };
  return [...problems].sort((a, b) => order(a.subject) - order(b.subject));
}

/** Each plain parameter given, checked with its schema; a bad one is a problem and left out. */
function readScalars(raw: Record<string, string>, problems: ImportProblem[]): Partial<Record<ScalarParam, string>> {
  const valid: Partial<Record<ScalarParam, string>> = {};
  for (const [key, value] of Object.entries(raw)) {
    const schema = PARAM_SCHEMAS[key as ScalarParam];
    const parsed = schema.safeParse(value);
    if (parsed.success) valid[key as ScalarParam] = value;
    else problems.push({ subject: key, message: parsed.error.issues[0].message });
  }
  return valid;
}
