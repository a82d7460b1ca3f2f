'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { ApiError } from '@/lib/api/errors';
import { fetchJson } from '@/lib/api/fetcher';
import type { CostGate } from '@/lib/queries/reporting';

/** A view that may cost more than this says so first and waits for the person's go-ahead. */
const FEW_CALLS = 5;

/** What GET /api/plan answers for a page. */
type PagePlan = { calls: number; requests: { url: string; calls: number }[] };

/**
 * Holds a view's requests until their cost is known to be a few calls, or its person accepted
 * it. `estimate` is the page's own upper bound, worked out without a round trip, so a cheap view
 * starts at once; above FEW_CALLS the server's plan is asked for (what it holds costs nothing),
 * and only when that is above too the person is asked. `refused` is the view's error, so a 422
 * from the server (over the cap after all) asks the person as well.
 */
export function useCostGate(estimate: number, refused: unknown) {
  const pathname = usePathname();
  const search = useSearchParams();
  const query = search.toString();
  const path = query ? `${pathname}?${query}` : pathname;
  const [accepted, setAccepted] = useState<{ path: string; calls: number } | null>(null);
  const [declined, setDeclined] = useState<string | null>(null);

  const isAccepted = accepted?.path === path;
  const refusedCost =
    refused instanceof ApiError && refused.code === 'over_call_cap' && !isAccepted ? refused.cost?.calls : undefined;
  const plan = useQuery({
    queryKey: ['plan', path],
    queryFn: ({ signal }) => fetchJson<PagePlan>(`/api/plan?path=${encodeURIComponent(path)}`, { signal }),
    enabled: estimate > FEW_CALLS && !isAccepted && refusedCost === undefined,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const planned = refusedCost ?? plan.data?.calls;
  // A plan the server could not make (a bad URL, say) is left to the request itself to refuse.
  const cheap =
    refusedCost === undefined &&
    (estimate <= FEW_CALLS || plan.isError || (planned !== undefined && planned <= FEW_CALLS));
  const gate: CostGate = { enabled: cheap || isAccepted, acceptCost: isAccepted ? accepted.calls : undefined };
  const waiting = !gate.enabled && planned !== undefined;
  return {
    gate,
    /** The calls the view needs, once known. */
    planned,
    asking: waiting && declined !== path,
    declined: waiting && declined === path,
    accept: () => {
      if (planned !== undefined) setAccepted({ path, calls: planned });
    },
    decline: () => setDeclined(path),
    reconsider: () => setDeclined(null),
  };
}
