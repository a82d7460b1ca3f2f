'use client';

import { useQuery } from '@tanstack/react-query';
import type { ResponseMeta } from '@/lib/queries/meta';
import { archiveQueryOptions } from '@/lib/queries/archive';
import { archiveBefore, gapWords, knownFrom } from './view-cost';

/**
 * Said once under the toolbar when the view's window starts before anything the dashboard
 * knows (`meta.knownFrom`): the chart's empty start is a gap in what is kept, not a quiet period.
 */
export function GapNotice({ metas, utc }: { metas: readonly (ResponseMeta | undefined)[]; utc: boolean }) {
  const { data: archive } = useQuery(archiveQueryOptions());
  const from = knownFrom(metas);
  if (from === null) return null;
  return (
    <p
      role="note"
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-300 ring-inset dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700"
    >
      {gapWords(from, utc, archiveBefore(archive, from))}
    </p>
  );
}
