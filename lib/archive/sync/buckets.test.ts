import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketCount, clipBuckets, finestInterval, MAX_BUCKETS, planWindows, type BucketCount } from './buckets';
import { DAY, HOUR, MINUTE } from './intervals';

const T = Date.parse('2026-09-01T00:00:00.000Z');

describe('finestInterval', () => {
  it('picks the finest length whose buckets fit one page', () => {
    expect(finestInterval(T, T + 90 * DAY).text).toBe('1d');
    expect(finestInterval(T, T + 60 * MINUTE).text).toBe('1m');
    expect(finestInterval(T, T + 6 * HOUR).text).toBe('5m');
    expect(finestInterval(T + 30 * 1000, T + 100 * MINUTE + 1).text).toBe('5m');
    expect(finestInterval(T, T + 3 * DAY).text).toBe('1h');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 1, max: 400 * DAY }), (offset, span) => {
        const i = finestInterval(T + offset, T + offset + span);
        expect(bucketCount(T + offset, T + offset + span, i.ms)).toBeLessThanOrEqual(MAX_BUCKETS);
      }),
    );
  });
});

describe('planWindows', () => {
  const arbitraryBuckets = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 2_500 })), { maxLength: 60 })
    .map((pairs) => {
      const seen = new Map(pairs.map(([slot, count]) => [slot, count]));
      return [...seen].map(([slot, count]): BucketCount => ({
        from: T + slot * HOUR,
        to: T + (slot + 1) * HOUR,
        count,
      }));
    });

  it('covers the span exactly once, with windows of at most the target and only single oversized buckets', () => {
    fc.assert(
      fc.property(arbitraryBuckets, fc.integer({ min: 1, max: 3_000 }), (buckets, target) => {
        const from = T;
        const to = T + 100 * HOUR;
        const { windows, oversized } = planWindows(from, to, buckets, target);
        const all = [...windows, ...oversized].sort((a, b) => a.from - b.from);
        expect(all[0].from).toBe(from);
        expect(all[all.length - 1].to).toBe(to);
        for (let i = 1; i < all.length; i++) expect(all[i].from).toBe(all[i - 1].to);
        for (const w of windows) expect(w.expected).toBeLessThanOrEqual(target);
        for (const o of oversized) {
          expect(o.expected).toBeGreaterThan(target);
          expect(buckets.some((b) => b.from === o.from && b.to === o.to)).toBe(true);
        }
        const total = buckets.reduce((n, b) => n + b.count, 0);
        expect([...windows, ...oversized].reduce((n, w) => n + w.expected, 0)).toBe(total);
      }),
    );
  });

  it('makes few windows: two neighbours together always exceed the target', () => {
    const buckets = Array.from({ length: 10 }, (_, i) => ({ from: T + i * HOUR, to: T + (i + 1) * HOUR, count: 300 }));
    const { windows } = planWindows(T, T + 10 * HOUR, buckets, 1_000);
    expect(windows.map((w) => w.expected)).toEqual([900, 900, 900, 300]);
    expect(windows[0]).toMatchObject({ from: T + 7 * HOUR, to: T + 10 * HOUR });
  });

  it('clips the buckets the API answers to the span asked for', () => {
    expect(clipBuckets(T + 30 * MINUTE, T + 2 * HOUR, HOUR, [{ timestamp: T, count: 4 }])).toEqual([
      { from: T + 30 * MINUTE, to: T + HOUR, count: 4 },
    ]);
  });
});
