/**
 * Every dashboard page's URL contract, by path: what a saved report may point at. Each entry is
 * the same parser map the page itself gives nuqs, so a saved view is exactly a view the page reads.
 */
import type { ViewContract } from '@/lib/view-paths';
import { eventsSearchParams } from './events/search-params';
import { histogramParsers } from './histogram/search-params';
import { overviewParsers } from './search-params';
import { termsParsers } from './terms/search-params';
import { usersParsers } from './users/search-params';

export const VIEW_CONTRACTS: Readonly<Record<string, ViewContract>> = {
  '/': overviewParsers,
  '/events': eventsSearchParams,
  '/histogram': histogramParsers,
  '/terms': termsParsers,
  '/users': usersParsers,
};
