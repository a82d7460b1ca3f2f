/**
 * Events pages share upstream pages. The dashboard pages events 25 or 50 at a time, but every
 * upstream call costs the same whatever its `per_page`, so the service always asks the
 * upstream for pages of 100 (its maximum) and cuts the page asked for out of them: pages 1-4 at
 * 25, or 1-2 at 50, are one upstream call, cached under the per_page=100 key that every page
 * size shares. When 100 is not a multiple of `per_page` a page can straddle two upstream pages;
 * both are asked for, unless the first is short, which means there is nothing after it.
 */
import 'server-only';
import type { AuthyEvent, EventsResponse } from '../authy/responses';
import type { EventsQuery } from '../authy/schemas';
import { LIMITS } from '../authy/vocabulary';

export const UPSTREAM_PER_PAGE = LIMITS.perPage.max;
const MAX_UPSTREAM_PAGE = LIMITS.page.max;

/** The upstream pages (of 100) holding a page, and where in their concatenation it starts. */
export type EventsPagePlan = { upstreamPages: number[]; skip: number; take: number };

/** Null when the page is best asked for as it is: already 100 a page, or beyond the upstream's last page. */
export function planEventsPage(page: number, perPage: number): EventsPagePlan | null {
  if (perPage >= UPSTREAM_PER_PAGE || page < 1 || perPage < 1) return null;
  const offset = (page - 1) * perPage;
  const first = Math.floor(offset / UPSTREAM_PER_PAGE) + 1;
  const last = Math.floor((offset + perPage - 1) / UPSTREAM_PER_PAGE) + 1;
  if (last > MAX_UPSTREAM_PAGE) return null;
  const upstreamPages = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return { upstreamPages, skip: offset - (first - 1) * UPSTREAM_PER_PAGE, take: perPage };
}

/**
 * The page `query` asks for, loaded through `load` (one upstream page of 100 at a time, each
 * cached on its own); returns the answer and everything loaded for it, for the response's meta.
 */
export async function pageOfEvents<L>(
  query: EventsQuery,
  load: (upstreamQuery: EventsQuery) => Promise<L>,
  eventsOf: (loaded: L) => EventsResponse,
): Promise<{ data: EventsResponse; loads: L[] }> {
  const plan = planEventsPage(query.page, query.per_page);
  if (!plan) {
    const loaded = await load(query);
    return { data: eventsOf(loaded), loads: [loaded] };
  }
  const loads: L[] = [];
  const events: AuthyEvent[] = [];
  for (const page of plan.upstreamPages) {
    const loaded = await load({ ...query, page, per_page: UPSTREAM_PER_PAGE });
    loads.push(loaded);
    const got = eventsOf(loaded).events;
    events.push(...got);
    // A short page is the last one: the next would only come back empty.
    if (got.length < UPSTREAM_PER_PAGE) break;
  }
  return { data: { events: events.slice(plan.skip, plan.skip + plan.take), success: true }, loads };
}
