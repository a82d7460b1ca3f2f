import { describe, expect, it } from 'vitest';
import type { SeriesRow } from '@/lib/queries/histogram-series';
import { overviewKpis, rate, relativeChange } from './overview-kpis';

const DAY = 86_400_000;
const current = { from: 2 * DAY, to: 4 * DAY };

function row(
  day: number,
  values: Partial<Record<'verified' | 'invalid' | 'approved' | 'denied' | 'users_added', number>>,
): SeriesRow {
  return { t: day * DAY, verified: 0, invalid: 0, approved: 0, denied: 0, users_added: 0, ...values };
}

const rows = [
  row(0, { verified: 40, invalid: 10, approved: 5, denied: 5 }),
  row(1, { verified: 60, invalid: 10, users_added: 2 }),
  row(2, { verified: 90, invalid: 5, approved: 9, denied: 1 }),
  row(3, { verified: 60, invalid: 5, users_added: 0 }),
];

describe('overviewKpis', () => {
  const kpis = Object.fromEntries(overviewKpis(rows, { current }).map((k) => [k.id, k]));

  it('sums each period from its own buckets', () => {
    expect(kpis.verified).toMatchObject({ current: 150, previous: 100, change: 0.5 });
    expect(kpis.invalid).toMatchObject({ current: 10, previous: 20, change: -0.5 });
  });

  it('counts a first bucket that starts before the previous period (cut by the request) in it', () => {
    const cut = [{ ...row(0, { verified: 7 }), t: -DAY / 2 }, ...rows];
    const got = Object.fromEntries(overviewKpis(cut, { current }).map((k) => [k.id, k]));
    expect(got.verified).toMatchObject({ current: 150, previous: 107 });
  });

  it('computes rates and their change in points', () => {
    expect(kpis.failure_rate.current).toBeCloseTo(10 / 160);
    expect(kpis.failure_rate.previous).toBeCloseTo(20 / 120);
    expect(kpis.failure_rate.change).toBeCloseTo(10 / 160 - 20 / 120);
    expect(kpis.approval_rate).toMatchObject({ current: 0.9, previous: 0.5 });
    expect(kpis.approval_rate.change).toBeCloseTo(0.4);
  });

  it('says when a count dropped to zero and when it is new', () => {
    expect(kpis.users_added).toMatchObject({ current: 0, previous: 2, change: -1 });
    expect(relativeChange(3, 0)).toBe(Infinity);
    expect(relativeChange(0, 0)).toBe(0);
  });

  it('has no rate without events', () => {
    expect(rate(0, 0)).toBeNull();
    const empty = Object.fromEntries(overviewKpis([], { current }).map((k) => [k.id, k]));
    expect(empty.approval_rate).toMatchObject({ current: null, change: null });
  });
});
