import { describe, expect, it } from 'vitest';
import { covers, mergeIntervals, subtract } from './intervals';

describe('intervals', () => {
  it('merges overlapping and touching intervals, drops empty ones, sorts', () => {
    expect(
      mergeIntervals([
        { from: 10, to: 20 },
        { from: 0, to: 5 },
        { from: 5, to: 7 },
        { from: 15, to: 30 },
        { from: 40, to: 40 },
      ]),
    ).toEqual([
      { from: 0, to: 7 },
      { from: 10, to: 30 },
    ]);
  });

  it('covers a window only when one interval holds it whole', () => {
    const merged = mergeIntervals([
      { from: 0, to: 10 },
      { from: 10, to: 20 },
      { from: 25, to: 30 },
    ]);
    expect(covers(merged, 3, 20)).toBe(true);
    expect(covers(merged, 15, 26)).toBe(false);
    expect(covers(merged, 20, 21)).toBe(false);
  });

  it('subtracts holes from a span', () => {
    expect(
      subtract({ from: 0, to: 100 }, [
        { from: 10, to: 20 },
        { from: 15, to: 30 },
        { from: 90, to: 120 },
        { from: -10, to: 2 },
      ]),
    ).toEqual([
      { from: 2, to: 10 },
      { from: 30, to: 90 },
    ]);
    expect(subtract({ from: 0, to: 10 }, [{ from: 0, to: 10 }])).toEqual([]);
  });
});
