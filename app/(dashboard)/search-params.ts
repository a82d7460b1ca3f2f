/**
 * The overview's URL contract:
 *   interval  a named interval or a length such as `1.5h`; unset = fit the range
 *   tables    the cards shown as a table rather than a chart, by id (`tables=verifications,devices`)
 * plus the shared range/from/to/utc/refresh.
 */
import { createSearchParamsCache, parseAsArrayOf, parseAsStringLiteral } from 'nuqs/server';
import { parseAsInterval } from '@/lib/queries/intervals';
import { OVERVIEW_TERMS } from '@/lib/queries/overview-requests';
import { rangeParsers } from '@/lib/view-params';

/** Every card of the overview: its three line charts, then its three bar charts. */
export const OVERVIEW_CARDS = ['verifications', 'push', 'users_added', ...OVERVIEW_TERMS.map((t) => t.id)] as const;
export type OverviewCard = (typeof OVERVIEW_CARDS)[number];

export const overviewParsers = {
  ...rangeParsers,
  /** Unset means "fit the range" (see overviewPlan). */
  interval: parseAsInterval,
  tables: parseAsArrayOf(parseAsStringLiteral(OVERVIEW_CARDS)).withDefault([]),
};

export const overviewSearchParamsCache = createSearchParamsCache(overviewParsers);
