import { describe, expect, it } from 'vitest';
import { previousWindow, resolveRange } from './ranges';

const now = Date.parse('2026-11-22T10:17:42.000Z');

describe('resolveRange', () => {
  it('snaps now so viewers within the same slot share a window', () => {
    const a = resolveRange('30d', now);
    const b = resolveRange('30d', now + 60_000);
    expect(a).toEqual(b);
    expect(a.to).toBe(Date.parse('2026-11-22T10:20:00.000Z'));
    expect(a.to - a.from).toBe(30 * 86_400_000);
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

  it('gives the previous period of the same length', () => {
    expect(previousWindow({ from: 100, to: 150 })).toEqual({ from: 50, to: 100 });
  });
});
