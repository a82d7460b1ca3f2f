/**
 * The users page's URL contract:
 *   month  the month the breakdowns show (`YYYY-MM`); unset means the latest month of the range
 *   view   `chart` or `table` for every card
 * plus the shared range/from/to/utc/refresh. The page's own default range is the last 12
 * months: a URL without any range is redirected to `range=12mo`, so the range picker (which
 * reads the shared default) and the page always agree on what is shown.
 */
import { createParser, createSearchParamsCache, parseAsStringLiteral } from 'nuqs/server';
import { MONTH_PATTERN } from '@/lib/mau/months';
import { rangeParsers } from '@/lib/view-params';

export const USERS_DEFAULT_RANGE = '12mo';

export const parseAsMonth = createParser<string>({
  parse: (value) => (MONTH_PATTERN.test(value) ? value : null),
  serialize: (value) => value,
});

export const USERS_VIEWS = ['chart', 'table'] as const;

export const usersParsers = {
  ...rangeParsers,
  month: parseAsMonth,
  view: parseAsStringLiteral(USERS_VIEWS).withDefault('chart'),
};

export const usersSearchParamsCache = createSearchParamsCache(usersParsers);
