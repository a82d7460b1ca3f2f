/** The overview's URL contract: the shared range parameters and an optional `interval`. */
import { createSearchParamsCache } from 'nuqs/server';
import { parseAsInterval } from '@/lib/queries/intervals';
import { rangeParsers } from '@/lib/view-params';

export const overviewParsers = {
  ...rangeParsers,
  /** Unset means "fit the range" (see overviewPlan). */
  interval: parseAsInterval,
};

export const overviewSearchParamsCache = createSearchParamsCache(overviewParsers);
