/** The months a users page range covers. Client-safe. */
import type { TimeWindow } from '@/lib/ranges';
import { MAX_MONTHS } from '@/lib/mau/mau-input';
import { monthOf, monthsBetween } from '@/lib/mau/months';

/** The months a window touches, oldest first; at most the API's maximum (the latest ones). */
export function monthsOfWindow(window: TimeWindow): { from: string; to: string; months: string[] } {
  const last = monthOf(Math.max(window.from, window.to - 1));
  const first = monthOf(window.from);
  const all = monthsBetween(first, last);
  const months = all.slice(-MAX_MONTHS);
  return { from: months[0], to: last, months };
}
