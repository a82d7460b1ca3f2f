/** Small checks the sync's tests share. */
import 'server-only';
import type { Harness, LoggedCall } from './harness';

/** The backfill has nothing left to size, copy or verify. */
export async function settledArchive(h: Harness): Promise<boolean> {
  const state = await h.ctx.store.state();
  const open = await h.ctx.store.windows(['unplanned', 'queued', 'copied']);
  return state !== undefined && open.length === 0;
}

/** The distinct windows the backfill's events calls read, newest first as called, with their pages. */
export function copiedWindows(calls: readonly LoggedCall[]): { from: number; to: number; pages: number[] }[] {
  const windows = new Map<string, { from: number; to: number; pages: number[] }>();
  for (const call of calls) {
    const { query } = call;
    if (call.cls !== 'backfill' || query.endpoint !== 'events' || call.outcome !== 'ok') continue;
    const bound = (op: string) =>
      Date.parse(query.params.query.find((c) => c.attribute === 'time' && c.operator === op)?.value ?? '');
    const key = `${bound('gte')}-${bound('lt')}`;
    const w = windows.get(key) ?? { from: bound('gte'), to: bound('lt'), pages: [] };
    w.pages.push(query.params.page);
    windows.set(key, w);
  }
  return [...windows.values()];
}
