import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBuffer, sortByTime } from './event-buffer';

describe('sortByTime', () => {
  it('orders like a stable comparison sort (ties keep index order)', () => {
    const times = fc.array(
      fc.integer({ min: 0, max: 2 ** 36 }).map((t) => 1.5e12 + t),
      { maxLength: 3_000 },
    );
    const fewDistinct = fc.array(fc.constantFrom(1.6e12, 1.6e12 + 1, 1.6e12 + 4096, 1.6e12 + 2 ** 24), {
      maxLength: 500,
    });
    fc.assert(
      fc.property(fc.oneof(times, fewDistinct), (list) => {
        const column = Float64Array.from(list);
        const expected = list.map((_, i) => i).sort((a, b) => list[a] - list[b] || a - b);
        expect([...sortByTime(column)]).toEqual(expected);
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe('EventBuffer.sorted', () => {
  it('gives every event its own millisecond, newest kept, so time alone orders them', () => {
    const buffer = new EventBuffer(6);
    for (const t of [1000, 1000, 1000, 999, 2000, 2000]) buffer.push(t, 0);
    expect([...buffer.sorted().time]).toEqual([997, 998, 999, 1000, 1999, 2000]);
  });
});

describe('EventBuffer.sorted(after)', () => {
  it('moves ties forward and keeps every time after `after`, for traffic that follows earlier events', () => {
    const buffer = new EventBuffer(6);
    for (const t of [1000, 1000, 1000, 999, 2000, 2000]) buffer.push(t, 0);
    expect([...buffer.sorted(999).time]).toEqual([1000, 1001, 1002, 1003, 2000, 2001]);
  });
});
