/**
 * What "Export all matching events" may cost before it starts. Without a total the number of
 * pages is unknown; what the current view has shown bounds it from below, and page 100 from
 * above. Every page is one upstream call unless the server has it cached.
 */
import { MAX_PAGE } from './pagination';

export const EXPORT_PER_PAGE = 100;

export type ExportEstimate = { minCalls: number; maxCalls: number; exact: boolean };

/**
 * `view` is what the screen knows: the page shown, its size, its event count and whether it
 * was short. A short page reveals the exact total; otherwise at least the events up to here
 * exist. Reaching a short page takes one call more than the full pages (which may be empty).
 */
export function exportEstimate(
  view: { page: number; perPage: number; count: number; isLastPage: boolean } | null,
): ExportEstimate {
  if (!view) return { minCalls: 1, maxCalls: MAX_PAGE, exact: false };
  if (view.count === 0 && view.page > 1) {
    // An empty page past the end (an old link) bounds the total from above only.
    const atMost = (view.page - 1) * view.perPage;
    return { minCalls: 1, maxCalls: Math.min(MAX_PAGE, Math.floor(atMost / EXPORT_PER_PAGE) + 1), exact: false };
  }
  const known = (view.page - 1) * view.perPage + view.count;
  const minCalls = Math.min(MAX_PAGE, Math.floor(known / EXPORT_PER_PAGE) + 1);
  return view.isLastPage
    ? { minCalls, maxCalls: minCalls, exact: true }
    : { minCalls, maxCalls: MAX_PAGE, exact: false };
}

/** The export stops at the first short page, or at the cap. */
export function isFinalExportPage(page: number, count: number): boolean {
  return count < EXPORT_PER_PAGE || page >= MAX_PAGE;
}
