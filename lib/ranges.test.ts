import { describe, expect, it } from 'vitest';
import { bucketStart } from './authy/interval';
import { RANGE_PRESETS, previousWindow, rangeGrain, resolveRange } from './ranges';

const now = Date.parse('2026-11-22T10:17:42.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('resolveRange', () => {
  it('floors now to the snap, so viewers within the same slot share a window that never reaches the future', () => {
    const a = resolveRange('30d', now);
    expect(resolveRange('30d', now + 60_000)).toEqual(a);
    expect(iso(a.to)).toBe('2026-11-22T10:15:00.000Z');
    for (const preset of RANGE_PRESETS) expect(resolveRange(preset, now).to).toBeLessThanOrEqual(now);
  });

  it('starts a rolling range at the first boundary of its grain inside the rolling length', () => {
    expect(iso(resolveRange('30d', now).from)).toBe('2026-10-24T00:00:00.000Z');
    expect(iso(resolveRange('7d', now).from)).toBe('2026-11-16T00:00:00.000Z');
    expect(iso(resolveRange('24h', now).from)).toBe('2026-11-21T11:00:00.000Z');
    expect(iso(resolveRange('1h', now).from)).toBe('2026-11-22T09:20:00.000Z');
    // 2026-08-24 is a Monday: 90 days start on a week boundary.
    expect(iso(resolveRange('90d', now).from)).toBe('2026-08-31T00:00:00.000Z');
  });

  it('never covers more than its rolling length, and starts on its grain', () => {
    const lengths = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
    for (let t = now; t < now + 3 * 86_400_000; t += 7 * 3_600_000 + 123_456) {
      for (const [preset, length] of Object.entries(lengths)) {
        const w = resolveRange(preset as keyof typeof lengths, t);
        expect(w.to - w.from).toBeLessThanOrEqual(length);
        expect(bucketStart(w.from, rangeGrain(preset as keyof typeof lengths))).toBe(w.from);
      }
    }
  });

  it('covers calendar months for this_month and last_month', () => {
    expect(resolveRange('this_month', now).from).toBe(Date.parse('2026-11-01T00:00:00.000Z'));
    expect(resolveRange('last_month', now)).toEqual({
      from: Date.parse('2026-10-01T00:00:00.000Z'),
      to: Date.parse('2026-11-01T00:00:00.000Z'),
    });
  });

  it('starts 12 months at the first of a month, so monthly buckets are whole', () => {
    expect(resolveRange('12mo', now).from).toBe(Date.parse('2025-12-01T00:00:00.000Z'));
  });

  it('moves only its end within a day, so a day-grained window keeps its closed buckets', () => {
    const a = resolveRange('30d', now);
    const b = resolveRange('30d', now + 10 * 60_000);
    expect(b.from).toBe(a.from);
    expect(b.to - a.to).toBe(10 * 60_000);
  });
});

describe('previousWindow', () => {
  it('is the same elapsed span just before', () => {
    expect(previousWindow({ from: 100, to: 150 })).toEqual({ from: 50, to: 100 });
    const w = resolveRange('30d', now);
    const p = previousWindow(w);
    expect(p.to).toBe(w.from);
    expect(p.to - p.from).toBe(w.to - w.from);
  });
});
