/**
 * The API pages events by any size up to 100; the events page by 25, 50 or 100. An imported
 * page is shown as the page of the smallest such size that holds all of its events.
 */
import { PER_PAGE_OPTIONS, type PerPage } from '@/lib/queries/page-sizes';

type EventsPaging = { pageNumber: number; perPage: PerPage; note: string | null };

export function eventsPaging(page: number, perPage: number): EventsPaging {
  const exact = PER_PAGE_OPTIONS.find((size) => size === perPage);
  if (exact) return { pageNumber: page, perPage: exact, note: null };
  const first = (page - 1) * perPage;
  const last = first + perPage - 1;
  const larger = PER_PAGE_OPTIONS.filter((size) => size >= perPage);
  const holding = larger.find((size) => Math.floor(first / size) === Math.floor(last / size));
  const size = holding ?? larger[0];
  const pageNumber = Math.floor(first / size) + 1;
  const where = holding ? 'holds' : 'starts';
  return {
    pageNumber,
    perPage: size,
    note:
      `per_page=${perPage}: the events page shows ${PER_PAGE_OPTIONS.join(', ')} a page, so page ${pageNumber} of ${size} ` +
      `${where} the API's page ${page} of ${perPage} (events ${first + 1}–${last + 1}, newest first)` +
      (holding ? '.' : '; the rest is on the next page.'),
  };
}
