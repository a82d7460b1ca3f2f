import { describe, expect, it } from 'vitest';
import type { AuthyEvent } from '../authy/responses';
import { resolveRange } from '../ranges';
import { readEventsPage, sourceWindows, type HeldEvents } from './events-windows';

const MIN = 60_000;
const event = (t: number): AuthyEvent => ({
  event: 'token_verified',
  time: new Date(t).toISOString(),
  request_id: `r${t}`,
  objects: {},
});
/** Events at every minute of [from, to), newest first, as the upstream lists them. */
const listed = (from: number, to: number) =>
  Array.from({ length: (to - from) / MIN }, (_, i) => event(to - (i + 1) * MIN));

describe('reading an events page from pages held for another window', () => {
  const wide = { from: 0, to: 1_000 * MIN };
  const all = listed(wide.from, wide.to); // 1,000 events

  it('reads a narrower window with the same end from the held pages that reach its page', () => {
    const held: HeldEvents = { window: wide, events: all.slice(0, 200), complete: false };
    const narrow = { from: 800 * MIN, to: 1_000 * MIN };
    expect(readEventsPage(held, narrow, 1, 100)).toEqual(all.slice(0, 100));
    expect(readEventsPage(held, narrow, 2, 100)).toEqual(all.slice(100, 200));
    // Page 3 would be past the held pages.
    expect(readEventsPage(held, narrow, 3, 100)).toBeNull();
  });

  it('skips what the held list has after the window ends, and stops at its start', () => {
    const held: HeldEvents = { window: wide, events: all.slice(0, 300), complete: false };
    const earlier = { from: 870 * MIN, to: 990 * MIN }; // 120 events
    expect(readEventsPage(held, earlier, 1, 100)).toEqual(all.slice(10, 110));
    expect(readEventsPage(held, earlier, 2, 100)).toEqual(all.slice(110, 130));
    expect(readEventsPage(held, earlier, 3, 100)).toEqual([]);
  });

  it('reads a window starting earlier only as far as the held pages reach', () => {
    const narrowHeld: HeldEvents = {
      window: { from: 900 * MIN, to: wide.to },
      events: all.slice(0, 100),
      complete: true,
    };
    expect(readEventsPage(narrowHeld, wide, 1, 100)).toEqual(all.slice(0, 100));
    // Its page 2 lies before what was held: not read.
    expect(readEventsPage(narrowHeld, wide, 2, 100)).toBeNull();
  });

  it('reads a short last page only from a complete list of a window starting no later', () => {
    const few = all.slice(0, 40);
    const complete: HeldEvents = { window: { from: 960 * MIN, to: wide.to }, events: few, complete: true };
    expect(readEventsPage(complete, { from: 970 * MIN, to: wide.to }, 1, 100)).toEqual(all.slice(0, 30));
    expect(readEventsPage({ ...complete, complete: false }, { from: 900 * MIN, to: wide.to }, 1, 100)).toBeNull();
    expect(readEventsPage(complete, { from: 900 * MIN, to: wide.to }, 1, 100)).toBeNull();
  });

  it('never reads a window ending after the held one', () => {
    const held: HeldEvents = { window: { from: 0, to: 990 * MIN }, events: all.slice(10, 300), complete: false };
    expect(readEventsPage(held, { from: 900 * MIN, to: wide.to }, 1, 100)).toBeNull();
  });
});

describe('the windows a page may be read from', () => {
  it('are the presets now that end no earlier and overlap, closest end first, widest first', () => {
    const now = Date.parse('2026-11-30T12:07:30.000Z');
    const week = resolveRange('7d', now);
    const sources = sourceWindows(week, now);
    expect(sources).toContainEqual(resolveRange('30d', now));
    expect(sources).toContainEqual(resolveRange('24h', now));
    expect(sources).not.toContainEqual(week);
    expect(sources).not.toContainEqual(resolveRange('90d', now)); // ends at 12:00, before 12:05
    expect(sources).not.toContainEqual(resolveRange('last_month', now));
    for (const [a, b] of sources.slice(1).map((w, i) => [sources[i], w]))
      expect(a.to < b.to || (a.to === b.to && a.from <= b.from)).toBe(true);
  });
});
