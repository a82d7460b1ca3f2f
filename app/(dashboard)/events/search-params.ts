/**
 * The events page's URL contract, shared by the server page (cache) and the client view
 * (useQueryStates). Other pages link here, so these names and meanings are fixed:
 * range/from/to/utc/refresh (the shared range parsers), f (filter conditions), page (1-100),
 * per_page (25, 50 or 100).
 */
import { createParser, createSearchParamsCache, parseAsNumberLiteral, type inferParserType } from 'nuqs/server';
import { LIMITS } from '@/lib/authy/vocabulary';
import { PER_PAGE_OPTIONS, type PerPage } from '@/lib/queries/page-sizes';
import { parseAsConditions, rangeParsers } from '@/lib/view-params';

export { PER_PAGE_OPTIONS, type PerPage };
export const DEFAULT_PER_PAGE: PerPage = 50;

/**
 * A page number: a whole number, clamped to what the API serves (1-100). A page above the cap
 * from an old link lands on the last reachable page instead of an error.
 */
export function parsePage(value: string): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  return Math.min(LIMITS.page.max, Math.max(LIMITS.page.min, Number(value)));
}

export const parseAsPage = createParser<number>({ parse: parsePage, serialize: String });

export const eventsSearchParams = {
  ...rangeParsers,
  f: parseAsConditions.withDefault([]),
  page: parseAsPage.withDefault(LIMITS.page.default),
  per_page: parseAsNumberLiteral(PER_PAGE_OPTIONS).withDefault(DEFAULT_PER_PAGE),
};

export type EventsSearchParams = inferParserType<typeof eventsSearchParams>;

export const eventsSearchParamsCache = createSearchParamsCache(eventsSearchParams);

/** Params whose change asks a different question, so page N of the old answer means nothing. */
const RESETS_PAGE = ['f', 'range', 'from', 'to', 'per_page'] as const;

export type EventsPatch = { [K in keyof EventsSearchParams]?: EventsSearchParams[K] | null };

/** Adds `page: null` (back to page 1, dropped from the URL) when the patch changes the question. */
export function withPageReset(patch: EventsPatch): EventsPatch {
  return RESETS_PAGE.some((key) => key in patch) ? { ...patch, page: null } : patch;
}
