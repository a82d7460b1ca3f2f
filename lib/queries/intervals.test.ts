import { describe, expect, it } from 'vitest';
import { resolveRange } from '@/lib/ranges';
import { autoInterval, intervalChoicesFor, parseAsInterval } from './intervals';

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
