/** Saved reports: query keys and options, and the calls that change them. */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetcher';
import type { ReportView } from '@/lib/saved-reports';

export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
};

export function reportsQueryOptions() {
  return queryOptions({
    queryKey: reportKeys.list(),
    queryFn: () => fetchJson<{ reports: ReportView[] }>('/api/reports'),
  });
}

export function saveReport(input: { name: string; description?: string; path: string }) {
  return fetchJson<ReportView>('/api/reports', { method: 'POST', body: JSON.stringify(input) });
}

export function renameReport(id: string, name: string) {
  return fetchJson<ReportView>(`/api/reports/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: JSON.stringify({ name }),
  });
}

export async function deleteReport(id: string): Promise<void> {
  const response = await fetch(`/api/reports/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
  });
  if (!response.ok && response.status !== 204) {
    await fetchJson(`/api/reports/${encodeURIComponent(id)}`); // surfaces the server's error envelope
  }
}
