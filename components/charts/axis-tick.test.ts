import { describe, expect, it } from 'vitest';
import { edgePadding, labelWidth, timeTickInterval } from './axis-tick';

describe('timeTickInterval', () => {
  it('labels every bucket when they all fit', () => {
    // 7 labels 39 px wide need 7 × (39 + 24) = 441 px.
    expect(timeTickInterval(7, 600, 39)).toBe(0);
  });

  it('skips buckets so the labels that remain fit the width', () => {
    // 30 daily buckets in a 300 px plot: 4 labels of "22 Nov" (39 px) fit, so every 8th bucket.
    const interval = timeTickInterval(30, 300, 39);
    expect(interval).toBe(7);
    const shown = Math.ceil(30 / (interval + 1));
    expect(shown * (39 + 24)).toBeLessThanOrEqual(300);
  });

  it('labels longer text more sparsely', () => {
    expect(timeTickInterval(48, 400, 78)).toBeGreaterThan(timeTickInterval(48, 400, 39));
  });

  it('still labels the first bucket on a plot too narrow for one label', () => {
    expect(timeTickInterval(10, 20, 78)).toBe(9);
    expect(timeTickInterval(1, 0, 78)).toBe(0);
  });
});

describe('edgePadding', () => {
  it('keeps half the widest label beside the first and last points, less the room already there', () => {
    expect(edgePadding(46, 44, 12)).toEqual({ left: 0, right: 12 });
    expect(edgePadding(92, 44, 12)).toEqual({ left: 3, right: 35 });
  });

  it('adds nothing when there is room already', () => {
    expect(edgePadding(0, 44, 12)).toEqual({ left: 0, right: 0 });
  });
});

describe('labelWidth', () => {
  it('estimates generously where there is no canvas to measure on', () => {
    // 11 px text: no character of the axis labels is wider than 0.7 em.
    expect(labelWidth('30 Nov 14:00')).toBeCloseTo(12 * 11 * 0.7);
  });
});
