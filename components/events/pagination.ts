/**
 * Paging without a total: the events API returns no count, so the last page is the first
 * short one (fewer events than asked for). Page 100 is the API's cap, so one query reaches at
 * most 100 × per_page events; past that only a narrower range helps.
 */
import { LIMITS } from '@/lib/authy/vocabulary';

export const MAX_PAGE = LIMITS.page.max;

export type PageInfo = {
  /** This page is short, so nothing follows it. */
  isLastPage: boolean;
  /** A full page at the cap: more events may exist, but the API will not serve them. */
  capReached: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  /** 1-based positions of the first and last event shown, 0 when the page is empty. */
  first: number;
  last: number;
};

export function pageInfo(page: number, perPage: number, count: number): PageInfo {
  const isLastPage = count < perPage;
  const capReached = !isLastPage && page >= MAX_PAGE;
  const offset = (page - 1) * perPage;
  return {
    isLastPage,
    capReached,
    hasPrevious: page > 1,
    hasNext: !isLastPage && page < MAX_PAGE,
    first: count > 0 ? offset + 1 : 0,
    last: offset + count,
  };
}

/** The most events one query can reach at a page size (10,000 at 100 per page). */
export function reachableEvents(perPage: number): number {
  return MAX_PAGE * perPage;
}
