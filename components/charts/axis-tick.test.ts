import { describe, expect, it } from 'vitest';
import { edgePadding, timeTickInterval } from './axis-tick';

describe('timeTickInterval', () => {
  it('labels every bucket when they all fit', () => {
    // 7 labels of 6 characters need 7 × (39 + 24) = 441 px.
    expect(timeTickInterval(7, 600, 6)).toBe(0);
  });

  it('skips buckets so the labels that remain fit the width', () => {
    // 30 daily buckets in a 300 px plot: 4 labels of "22 Nov" fit, so every 8th bucket.
    const interval = timeTickInterval(30, 300, 6);
    expect(interval).toBe(7);
    const shown = Math.ceil(30 / (interval + 1));
    expect(shown * (6 * 6.5 + 24)).toBeLessThanOrEqual(300);
  });

  it('labels longer text more sparsely', () => {
    expect(timeTickInterval(48, 400, 12)).toBeGreaterThan(timeTickInterval(48, 400, 6));
  });

  it('still labels the first bucket on a plot too narrow for one label', () => {
    expect(timeTickInterval(10, 20, 12)).toBe(9);
    expect(timeTickInterval(1, 0, 12)).toBe(0);
  });
});

describe('edgePadding', () => {
  it('keeps half the widest label beside the first and last points, less the room already there', () => {
    // Without a canvas (tests run in Node) a label is estimated at 7.7 px a character: "30 Nov" ≈ 46 px.
    expect(edgePadding(['1 Nov', '30 Nov'], 44, 12)).toEqual({ left: 0, right: 13 });
    expect(edgePadding(['30 Nov 14:00'], 44, 12)).toEqual({ left: 4, right: 36 });
  });

  it('adds nothing without labels', () => {
    expect(edgePadding([], 44, 12)).toEqual({ left: 0, right: 0 });
  });
});
