/**
 * When a page asks again. The chosen auto-refresh, and sooner while the answer on screen is
 * stale: the server is refreshing it already, so asking again a little later picks up the new
 * answer from its cache without spending anything. Nothing is asked while the tab is hidden.
 */
import { REFRESH_MS, type RefreshOption } from '@/lib/view-params';
import type { ResponseMeta } from './meta';

/** The server's refresh of a stale answer usually lands within this. */
const STALE_RECHECK_MS = 15_000;

export function refetchEvery(refresh: RefreshOption) {
  return {
    refetchInterval: (query: { state: { data?: { meta: ResponseMeta } } }): number | false => {
      const chosen = REFRESH_MS[refresh];
      if (query.state.data?.meta.cache !== 'stale') return chosen;
      return chosen === false ? STALE_RECHECK_MS : Math.min(chosen, STALE_RECHECK_MS);
    },
    refetchIntervalInBackground: false,
  };
}
