/**
 * The requests a dashboard page sends when it opens, from its path: the page's own URL parsers
 * and the same pure builders its hooks use (lib/queries/page-requests.ts, overview-requests.ts),
 * so GET /api/plan plans exactly what the page would ask. Paths are checked as saved views are.
 */
import { createLoader } from 'nuqs/server';
import { overviewRequests } from '@/lib/queries/overview-requests';
import {
  eventsViewRequest,
  histogramViewRequest,
  hourOf,
  termsTotalViewRequest,
  termsViewRequest,
  usersViewRequests,
} from '@/lib/queries/page-requests';
import { eventsSearch, histogramRequest, mauPath, termsRequest } from '@/lib/queries/request-search';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { checkViewPath, type ViewPathProblem } from '@/lib/view-paths';
import { eventsSearchParams } from './events/search-params';
import { histogramParsers } from './histogram/search-params';
import { overviewParsers } from './search-params';
import { termsParsers } from './terms/search-params';
import { USERS_DEFAULT_RANGE, usersParsers } from './users/search-params';
import { VIEW_CONTRACTS } from './view-contracts';

/** A request as the page sends it: the API path with its query string. */
export type PageRequest = { endpoint: 'events' | 'date_histogram' | 'terms' | 'mau'; url: string };

const reporting = (endpoint: 'events' | 'date_histogram' | 'terms', search: URLSearchParams): PageRequest => ({
  endpoint,
  url: `/api/reporting/${endpoint}?${search.toString()}`,
});

const BUILDERS: Record<string, (search: URLSearchParams, now: number) => PageRequest[]> = {
  '/': (search, now) => {
    const params = createLoader(overviewParsers)(search);
    const { histogram, terms } = overviewRequests({ time: timeSpecOf(params), interval: params.interval }, now);
    return [reporting('date_histogram', histogram.search), ...terms.map((t) => reporting('terms', t.search))];
  },
  '/events': (search) => [
    reporting('events', eventsSearch(eventsViewRequest(createLoader(eventsSearchParams)(search)))),
  ],
  '/histogram': (search) => {
    const params = histogramViewRequest(createLoader(histogramParsers)(search));
    return params.reports.length > 0 ? [reporting('date_histogram', histogramRequest(params))] : [];
  },
  '/terms': (search) => {
    const params = createLoader(termsParsers)(search);
    return [
      reporting('terms', termsRequest(termsViewRequest(params))),
      reporting('terms', termsRequest(termsTotalViewRequest(params))),
    ];
  },
  '/users': (search, now) => {
    // The page opens a URL without any range as the last 12 months (users/page.tsx).
    const ranged = ['range', 'from', 'to'].some((key) => search.has(key));
    const params = createLoader(usersParsers)(
      ranged ? search : new URLSearchParams([...search, ['range', USERS_DEFAULT_RANGE]]),
    );
    const users = usersViewRequests(timeSpecOf(params), params.month, hourOf(now));
    return [
      // What is counted already, for free; counting more waits for the person's go-ahead.
      { endpoint: 'mau', url: mauPath({ from: users.span.from, to: users.span.to }, 0) },
      reporting('date_histogram', histogramRequest(users.histogram)),
      ...users.breakdowns.map((b) => reporting('terms', termsRequest(b))),
    ];
  },
  '/reports': () => [],
};

export function pageRequests(
  path: string,
  now: number,
): { ok: true; requests: PageRequest[] } | { ok: false; problem: ViewPathProblem } {
  const checked = checkViewPath(path, { ...VIEW_CONTRACTS, '/reports': {} });
  if (!checked.ok) return checked;
  const url = new URL(checked.path, 'http://dashboard.invalid');
  return { ok: true, requests: BUILDERS[url.pathname](url.searchParams, now) };
}
