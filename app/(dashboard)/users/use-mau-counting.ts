'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { mauCountOptions, mauLookOptions } from '@/lib/queries/mau';
import type { MauMonths } from '@/lib/queries/request-search';
import type { RefreshOption } from '@/lib/view-params';

/**
 * Monthly active users for the page's months: what is counted already (free), and counting more
 * only within the calls its person accepted. Each step's spending comes off what was accepted;
 * when it is gone, or the months are exact, or the tab is hidden, counting stops.
 */
export function useMauCounting(months: MauMonths, refresh: RefreshOption) {
  const key = `${months.from}|${months.to}`;
  const [accepted, setAccepted] = useState<{ key: string; total: number; left: number } | null>(null);
  const current = accepted?.key === key ? accepted : null;
  const spent = useCallback(
    (calls: number) =>
      setAccepted((prev) => (prev && prev.key === key ? { ...prev, left: Math.max(0, prev.left - calls) } : prev)),
    [key],
  );
  const look = useQuery(mauLookOptions(months, refresh));
  const count = useQuery(mauCountOptions(months, current?.left ?? 0, spent));
  const data =
    count.data && (!look.data || count.dataUpdatedAt >= look.dataUpdatedAt) && current ? count.data : look.data;
  return {
    data,
    isPending: look.isPending,
    error: (current ? count.error : null) ?? look.error,
    isFetching: look.isFetching || count.isFetching,
    /** What the person accepted for these months, and how much of it is left. */
    accepted: current,
    accept: (calls: number) => setAccepted({ key, total: calls, left: calls }),
    stop: () => setAccepted(null),
    refetch: () => void look.refetch(),
  };
}

export type MauCounting = ReturnType<typeof useMauCounting>;
