import { describe, expect, it } from 'vitest';
import { RANGE_PRESETS, resolveRange } from '@/lib/ranges';
import { PRESET_INTERVALS, autoInterval, defaultInterval, intervalChoicesFor, parseAsInterval } from './intervals';

const NOW = Date.parse('2025-03-17T14:33:20.000Z');

describe('autoInterval', () => {
  it('fits one upstream page (at most 99 buckets)', () => {
    expect(autoInterval(resolveRange('1h', NOW))).toBe('minute');
    expect(autoInterval(resolveRange('24h', NOW))).toBe('15m');
    expect(autoInterval(resolveRange('30d', NOW))).toBe('day');
    expect(autoInterval(resolveRange('12mo', NOW))).toBe('week');
  });

  it('goes coarser under a tighter cap', () => {
    expect(autoInterval(resolveRange('1h', NOW), 49)).toBe('5m');
    expect(autoInterval(resolveRange('24h', NOW), 49)).toBe('hour');
    expect(autoInterval(resolveRange('90d', NOW), 49)).toBe('week');
    expect(autoInterval(resolveRange('12mo', NOW), 49)).toBe('month');
  });

  it('offers only the choices that fit', () => {
    expect(intervalChoicesFor(resolveRange('30d', NOW), 49)).toEqual(['day', 'week', 'month', 'quarter', 'year']);
  });
});

describe('parseAsInterval', () => {
  it('takes named and fixed intervals and refuses the rest', () => {
    expect(parseAsInterval.parse('day')).toBe('day');
    expect(parseAsInterval.parse('1.5h')).toBe('1.5h');
    expect(parseAsInterval.parse('fortnight')).toBeNull();
    expect(parseAsInterval.parse('10s')).toBeNull();
  });
});

describe('defaultInterval', () => {
  it.each(RANGE_PRESETS.filter((p) => p !== 'this_month'))('gives %s what autoInterval would', (preset) => {
    expect(PRESET_INTERVALS[preset]).toBe(autoInterval(resolveRange(preset, NOW)));
  });

  it('fits an absolute window itself', () => {
    expect(
      defaultInterval({ kind: 'absolute', from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }),
    ).toBe('15m');
  });
});
