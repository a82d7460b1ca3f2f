/**
 * A page URL carrying the API's own parameters (`/events?range=7d&query[event][eq]=token_invalid`,
 * a query pasted onto the page) is never shown unfiltered: it is translated into the page's own
 * parameters (a redirect), or refused with every parameter that does not fit named, and a
 * link to the page that answers it when there is one.
 */
import { createLoader, type SearchParams } from 'nuqs/server';
import { ENDPOINT_PARAMS, type Endpoint } from '@/lib/authy/schemas';
import { fitBuckets } from '@/lib/import/fit-buckets';
import { importQuery } from '@/lib/import/import-query';
import { rootOf, translateRequest } from '@/lib/import/translate';
import type { ImportedView, ImportPage, ImportProblem } from '@/lib/import/types';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { rangeParsers, parseConditions } from '@/lib/view-params';
import { parseSeries } from '../histogram/search-params';
import { viewHref } from './view-href';

type Elsewhere = { page: ImportPage; href: string } | null;

export type BracketOutcome =
  | { kind: 'none' }
  | { kind: 'redirect'; href: string }
  | { kind: 'refuse'; problems: ImportProblem[]; elsewhere: Elsewhere };

type DashboardPath = ImportPage | '/' | '/users';

const ENDPOINT_OF: Record<DashboardPath, Endpoint | null> = {
  '/events': 'events',
  '/histogram': 'date_histogram',
  '/terms': 'terms',
  '/': null,
  '/users': null,
};

const loadRange = createLoader(rangeParsers);
const API_PARAMS = new Set(Object.values(ENDPOINT_PARAMS).flatMap((params) => [...params]));

export function bracketParamsOutcome(path: DashboardPath, raw: SearchParams, now = Date.now()): BracketOutcome {
  const entries = Object.entries(raw).flatMap(([key, value]) =>
    [value ?? []].flat().map((v): [string, string] => [key, v]),
  );
  return outcome(path, entries, now, true);
}

function outcome(
  path: DashboardPath,
  entries: [string, string][],
  now: number,
  lookElsewhere: boolean,
): BracketOutcome {
  const bracketed = entries.filter(([key]) => key.includes('['));
  if (bracketed.length === 0) return { kind: 'none' };
  const endpoint = ENDPOINT_OF[path];
  const refuse = (problems: ImportProblem[]): BracketOutcome => ({
    kind: 'refuse',
    problems,
    elsewhere: lookElsewhere ? elsewhere(path, entries, now) : null,
  });
  if (!endpoint) {
    return refuse(
      bracketed.map(([key]) => ({
        subject: key,
        message: `${key} is a Reporting API parameter; this page takes none.`,
      })),
    );
  }
  const api = entries.filter(([key]) => key.includes('[') || ENDPOINT_PARAMS[endpoint].has(rootOf(key)));
  const own = new URLSearchParams(entries.filter((entry) => !api.includes(entry)));
  const translation = translateRequest(endpoint, api, now);
  const problems = [...translation.problems];
  const view = merged(translation.view, own, problems, now);
  if (problems.length > 0) return refuse(problems);
  const base = own.size > 0 ? `${path}?${own.toString()}` : path;
  return { kind: 'redirect', href: viewHref(view, base) };
}

/** The page's own filters and series come first; the API's are added to them. */
function merged(view: ImportedView, own: URLSearchParams, problems: ImportProblem[], now: number): ImportedView {
  const ownFilters = parseConditions(own.get('f') ?? '') ?? [];
  switch (view.page) {
    case '/events':
      return { ...view, conditions: [...ownFilters, ...view.conditions] };
    case '/terms':
      return { ...view, scope: [...ownFilters, ...view.scope] };
    case '/histogram': {
      const ownSeries = own.has('s') ? (parseSeries(own.get('s') ?? '') ?? []) : [];
      for (const series of view.series) {
        if (ownSeries.some((s) => s.name === series.name)) {
          problems.push({
            subject: `report[${series.name}]`,
            message: `The page already has a series named ${series.name}.`,
          });
        }
      }
      const series = view.series.length > 0 ? [...ownSeries, ...view.series] : view.series;
      if (!view.interval) return { ...view, series, scope: [...ownFilters, ...view.scope] };
      const time = view.time ?? timeSpecOf(loadRange(own));
      return {
        ...view,
        series,
        scope: [...ownFilters, ...view.scope],
        time: fitBuckets(time, view.interval, now).time,
      };
    }
  }
}

/**
 * The other page whose request the URL's API parameters make, with the URL's own range and
 * display settings kept, when they fit it whole.
 */
function elsewhere(path: DashboardPath, entries: [string, string][], now: number): Elsewhere {
  const api = entries.filter(([key]) => API_PARAMS.has(rootOf(key)));
  const target = importQuery(new URLSearchParams(api).toString(), '/events', now).view?.page;
  if (!target || target === path) return null;
  const there = outcome(target, entries, now, false);
  return there.kind === 'redirect' ? { page: target, href: there.href } : null;
}
