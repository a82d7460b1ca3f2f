/**
 * The "Import from the Authy API" action: pasted text in, the view that answers it out, with
 * what was understood, notes on what was set aside and why, and every problem named. What the
 * request leaves unsaid takes the API's own default (everything it keeps: the last 90 days; a
 * histogram interval of a month), so the view answers the same question the request asks.
 */
import { DEFAULT_INTERVAL } from '@/lib/authy/vocabulary';
import { ENDPOINT_PARAMS, ENDPOINTS, type Endpoint } from '@/lib/authy/schemas';
import { fitBuckets } from './fit-buckets';
import { readPastedRequest, type PastedRequest } from './read-request';
import { rootOf, translateRequest } from './translate';
import {
  PAGE_NAMES,
  PAGE_OF_ENDPOINT,
  type ImportedView,
  type ImportPage,
  type ImportProblem,
  type Understood,
} from './types';

type ImportResult = {
  kind: PastedRequest['kind'];
  endpoint: Endpoint | null;
  understood: Understood[];
  notes: string[];
  problems: ImportProblem[];
  /** The page that answers the request; when it is not the current one, the view opens there. */
  view: ImportedView | null;
};

const KIND_WORDS: Record<PastedRequest['kind'], string> = {
  curl: 'a curl command',
  url: 'an API URL',
  query: 'a query string',
};

export function importQuery(text: string, currentPage: ImportPage, now: number): ImportResult {
  const request = readPastedRequest(text);
  const inferred =
    request.kind === 'query' ? inferEndpoint(request, currentPage) : { endpoint: request.endpoint, problem: null };
  const base = { kind: request.kind, notes: request.notes };
  const problems = [...request.problems, ...(inferred.problem ? [inferred.problem] : [])];
  const endpoint = inferred.endpoint;
  if (!endpoint) return { ...base, endpoint: null, understood: [], problems, view: null };

  const translation = translateRequest(endpoint, request.entries, now);
  const format = request.format ? ` (${request.format.toUpperCase()})` : '';
  const understood: Understood[] = [
    { label: 'Request', value: `${KIND_WORDS[request.kind]} for ${endpoint}${format}` },
    ...translation.understood,
  ];
  const notes = [...request.notes, ...translation.notes];
  problems.push(...translation.problems);
  const view = withApiDefaults(translation.view, understood, notes, problems, now);
  return { ...base, endpoint, understood, notes, problems, view };
}

/** Fills what the request left to the API's defaults, saying so, and keeps histograms drawable. */
function withApiDefaults(
  view: ImportedView,
  understood: Understood[],
  notes: string[],
  problems: ImportProblem[],
  now: number,
): ImportedView {
  const time = view.time ?? { kind: 'preset' as const, range: '90d' as const };
  if (!view.time) {
    understood.push({ label: 'Time window', value: 'none given: everything the API keeps, the last 90 days' });
  }
  switch (view.page) {
    case '/events':
      return { ...view, time };
    case '/histogram': {
      if (view.series.length === 0) {
        problems.push({
          subject: 'report',
          message: 'A date_histogram request needs at least one report[name][attribute][operator]: it names a series.',
        });
      }
      const interval = view.interval ?? DEFAULT_INTERVAL;
      if (!view.interval) understood.push({ label: 'Interval', value: `none given: the API's default, ${interval}` });
      const fitted = fitBuckets(time, interval, now);
      if (fitted.note) notes.push(fitted.note);
      return { ...view, time: fitted.time, interval };
    }
    case '/terms':
      if (!view.field) {
        problems.push({
          subject: 'field',
          message: 'A terms request needs field=…: the attribute to count values of.',
        });
      }
      return { ...view, time };
  }
}

/**
 * The endpoint a bare query string is for: the one taking every parameter it has. The current
 * page wins a tie; with no endpoint taking them all, the one taking most (the rest are named).
 */
function inferEndpoint(
  request: PastedRequest,
  currentPage: ImportPage,
): { endpoint: Endpoint | null; problem: ImportProblem | null } {
  if (request.entries.length === 0) return { endpoint: null, problem: null };
  const roots = new Set(request.entries.map(([key]) => rootOf(key)));
  const current = ENDPOINTS.find((e) => PAGE_OF_ENDPOINT[e] === currentPage) as Endpoint;
  const taken = (e: Endpoint) => [...roots].filter((root) => ENDPOINT_PARAMS[e].has(root)).length;
  const best = Math.max(...ENDPOINTS.map(taken));
  const candidates = ENDPOINTS.filter((e) => taken(e) === best);
  if (candidates.includes(current)) return { endpoint: current, problem: null };
  if (candidates.length === 1) return { endpoint: candidates[0], problem: null };
  const named = candidates.map((e) => `${e} (${PAGE_NAMES[PAGE_OF_ENDPOINT[e]]} page)`).join(' and ');
  const message =
    best === roots.size
      ? `These parameters fit ${named} requests alike: paste the whole URL, or add report[…] or field=….`
      : `No one request takes all of these: they are split between ${named} requests. Paste one request at a time.`;
  return { endpoint: null, problem: { subject: [...roots].join(', '), message } };
}
