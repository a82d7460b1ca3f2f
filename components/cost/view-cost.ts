/**
 * What a view cost: the upstream calls its answers say they made (`meta.calls`), once all are
 * in. Pure, so the words can be tested without a browser.
 */
import type { Budget, ResponseMeta } from '@/lib/queries/meta';

/** Calls spent by the view's answers (and `extra`, e.g. MAU's), or null while any is still loading. */
export function viewCalls(metas: readonly (ResponseMeta | undefined)[], extra: number | undefined = 0): number | null {
  if (extra === undefined || metas.some((m) => m === undefined)) return null;
  return metas.reduce((sum, m) => sum + (m?.calls ?? 0), extra);
}

/** "3 calls · 27 left this minute", "cached · 0 calls · 27 left this minute". */
export function costWords(calls: number | null, budget: Budget | undefined): string {
  const left = budget ? ` · ${budget.minute.remaining} left this minute` : '';
  if (calls === null) return `Loading…${left}`;
  if (calls === 0) return `cached · 0 calls${left}`;
  return `${calls} upstream ${calls === 1 ? 'call' : 'calls'}${left}`;
}
