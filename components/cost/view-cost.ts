/**
 * What a view cost and what its answers know: the upstream calls they say they made
 * (`meta.calls`) once all are in, whether the archive answered them all, and where the
 * dashboard's knowledge starts (`meta.knownFrom`). Pure, so the words can be tested without a
 * browser.
 */
import { formatDateTime } from '@/lib/format';
import type { Budget, ResponseMeta } from '@/lib/queries/meta';

/**
 * The answers a view shows, as a page hands them to its toolbar: each reporting answer's meta
 * (undefined while it loads), and what else the view spent (MAU counting), unknown while loading.
 */
export type ViewAnswers = {
  metas: readonly (ResponseMeta | undefined)[];
  extra?: { calls: number; local: boolean } | 'loading';
};

/** Calls spent by the view's answers (and `extra`, e.g. MAU's), or null while any is still loading. */
export function viewCalls({ metas, extra }: ViewAnswers): number | null {
  if (extra === 'loading' || metas.some((m) => m === undefined)) return null;
  return metas.reduce((sum, m) => sum + (m?.calls ?? 0), extra?.calls ?? 0);
}

/** Every answer is in and came from the archive: nothing was asked of the API, nor will be for any viewer. */
export function answeredLocally({ metas, extra }: ViewAnswers): boolean {
  if (extra === 'loading' || (extra && !extra.local) || metas.length === 0) return false;
  return metas.every((m) => m?.source === 'archive');
}

/** "3 calls · 27 left this minute", "cached · 0 calls · …", "local · 0 calls · …" (the archive answered). */
export function costWords(calls: number | null, budget: Budget | undefined, local = false): string {
  const left = budget ? ` · ${budget.minute.remaining} left this minute` : '';
  if (calls === null) return `Loading…${left}`;
  if (calls === 0) return `${local ? 'local' : 'cached'} · 0 calls${left}`;
  return `${calls} upstream ${calls === 1 ? 'call' : 'calls'}${left}`;
}

/** The latest `knownFrom` of the view's answers (ms): before it, none of them counts anything. Null when none has one. */
export function knownFrom(metas: readonly (ResponseMeta | undefined)[]): number | null {
  const times = metas.flatMap((m) => (m?.knownFrom ? [Date.parse(m.knownFrom)] : [])).filter(Number.isFinite);
  return times.length > 0 ? Math.max(...times) : null;
}

/**
 * What the archive can say about the time before a view's `knownFrom`: it is off; it holds some
 * of it but not the view's whole window yet (a backfill under way); or it holds nothing older.
 */
export type ArchiveBefore = 'off' | 'partly' | 'nothing';

export function archiveBefore(
  archive: { mode: string; coverage: readonly { from: string }[] } | undefined,
  from: number,
): ArchiveBefore {
  if (archive?.mode === 'off') return 'off';
  return archive?.coverage.some((c) => Date.parse(c.from) < from) ? 'partly' : 'nothing';
}

const BEFORE_WORDS: Record<ArchiveBefore, string> = {
  off: 'the archive is off',
  partly: 'the archive, which holds older events, does not cover this whole window yet',
  nothing: 'the archive holds nothing older',
};

/** Why a window that starts before `from` shows nothing there. */
export function gapWords(from: number, utc: boolean, archive: ArchiveBefore): string {
  return `No data before ${formatDateTime(from, utc)}: the API keeps only its last 90 days and ${BEFORE_WORDS[archive]}.`;
}
