/**
 * An events page of one window, read from the pages already held for another. Events come
 * newest first, so the events of [from, to) are those of any window that ends no earlier, from
 * its first event before `to` on, for as long as they are not before `from`. "Last 7 days" and
 * "last 30 days" end at the same 5-minute mark: while the 7 days hold at least 100 events, the
 * first page of one is the first page of the other, and only one of them is a call.
 *
 * A page read that way is exact when the held pages settle it: they reach its end, or an event
 * before `from` ends it, or they are all the wider window has and that window starts no later.
 * Otherwise it is not read (null) and the page is asked for.
 */
import 'server-only';
import { parseIsoTime } from '../authy/attributes';
import type { AuthyEvent } from '../authy/responses';
import { RANGE_PRESETS, resolveRange, type TimeWindow } from '../ranges';

/** The first pages of an events list over `window`, in order; `complete` when they are all it has. */
export type HeldEvents = { window: TimeWindow; events: AuthyEvent[]; complete: boolean };

/** Page `page` (of `perPage`) of the events of `window`, read from `held`; null when the held pages do not settle it. */
export function readEventsPage(
  held: HeldEvents,
  window: TimeWindow,
  page: number,
  perPage: number,
): AuthyEvent[] | null {
  if (held.window.to < window.to) return null;
  const times = held.events.map((e) => parseIsoTime(e.time) ?? Number.NaN);
  if (times.some(Number.isNaN)) return null;
  let first = times.findIndex((t) => t < window.to);
  if (first === -1) {
    if (!held.complete) return null;
    first = times.length;
  }
  const start = first + (page - 1) * perPage;
  const out: AuthyEvent[] = [];
  for (let i = start; i < start + perPage; i++) {
    if (i >= times.length) return held.complete && held.window.from <= window.from ? out : null;
    if (times[i] < window.from) return out;
    out.push(held.events[i]);
  }
  return out;
}

/**
 * The windows of the range presets right now that end no earlier than `window`, overlap it and
 * are not it: the lists a page of `window` may be read from, those ending closest to it first,
 * and of those the widest.
 */
export function sourceWindows(window: TimeWindow, now: number): TimeWindow[] {
  const found = new Map<string, TimeWindow>();
  for (const preset of RANGE_PRESETS) {
    const w = resolveRange(preset, now);
    if (w.to < window.to || w.to <= window.from) continue;
    if (w.from === window.from && w.to === window.to) continue;
    found.set(`${w.from}-${w.to}`, w);
  }
  return [...found.values()].sort((a, b) => a.to - b.to || a.from - b.from);
}
