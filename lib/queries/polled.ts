/**
 * A status the header polls gently (the budget, the archive): one same-origin GET, sent as
 * background work so it never takes a call's place from a person waiting, no retries (the
 * next poll is the retry), fresh for as long as a poll lasts.
 */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';

export function polledQueryOptions<T, K extends readonly unknown[]>(queryKey: K, url: string, pollMs: number) {
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) => fetchJson<T>(url, { signal, headers: { 'X-Priority': 'background' } }),
    refetchInterval: pollMs,
    staleTime: pollMs,
    retry: false,
  });
}
