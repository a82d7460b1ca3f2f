/**
 * MAU against the emulator's ground truth: exact months match exactly at about 50, about 100
 * (the terms cap) and a few thousand users; partial months bracket the truth; the per-request
 * budget holds; past months are never paid for twice; a partial month resumes to exact.
 */
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '@/lib/db/kv';
import { monthStart } from '@/lib/mau/months';
import { HARNESS_NOW, mauHarness } from '@/test/support/mau';

const PAST = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const LIVE = '2026-11';

describe.each([
  { name: 'about 50 users a month', events: 3_000, users: 70 },
  { name: 'about 100 users a month (the cap)', events: 6_000, users: 150 },
  { name: 'a few thousand users a month', events: 200_000, users: 5_000 },
])('exact MAU with $name', ({ events, users }) => {
  const h = mauHarness({ events, users });

  it('matches the distinct users in the generated data, month by month', async () => {
    const result = await h.mau.count([...PAST, LIVE]);
    for (const month of result.months.filter((m) => !m.inProgress)) {
      expect(month, month.month).toMatchObject({
        exact: true,
        basis: 'exact',
        activeUsers: h.truth(month.month),
        estimate: null,
      });
      expect(month.lowerBound).toBe(month.activeUsers);
    }
    const live = result.months.find((m) => m.month === LIVE);
    const liveTruth = h.emulator.dataset.distinctUsersBetween(monthStart(LIVE), Date.parse(live?.asOf ?? ''));
    expect(live).toMatchObject({ inProgress: true, exact: true, activeUsers: liveTruth });
    expect(Date.parse(live?.asOf ?? '')).toBeLessThanOrEqual(HARNESS_NOW);
  });

  it('spends nothing on a second request for the same months', async () => {
    const before = h.calls();
    const again = await h.mau.count(PAST);
    expect(h.calls()).toBe(before);
    expect(again.months.every((m) => m.exact && m.callsThisRequest === 0)).toBe(true);
    expect(again.budget.spent).toBe(0);
  });
});

describe('MAU in the rate budget', () => {
  it('asks through the limiter as `mau`, below people and the archive, unless told otherwise', async () => {
    const h = mauHarness({ events: 3_000, users: 70, limits: { perMinute: 1_000, perHour: 10_000 } });
    const first = await h.mau.count(['2026-09'], { user: 'ana' });
    expect(first.budget.spent).toBeGreaterThan(0);
    const { byClass } = (await h.reporting.budget()).minute;
    expect(byClass).toMatchObject({ mau: first.budget.spent, interactive: 0, background: 0 });
    const more = await h.mau.count(['2026-08'], { priority: 'background', user: 'ana' });
    expect((await h.reporting.budget()).minute.byClass.background).toBe(more.budget.spent);
  });
});

describe('efficiency at a few thousand users', () => {
  it('stays within 1.6× of ⌈MAU/100⌉ calls per month on average', async () => {
    const h = mauHarness({ events: 200_000, users: 5_000, seed: 2 });
    const result = await h.mau.count(PAST);
    const calls = result.months.reduce((sum, m) => sum + m.upstreamCalls, 0);
    const bound = result.months.reduce((sum, m) => sum + Math.ceil(m.activeUsers / 100), 0);
    expect(h.calls()).toBe(calls);
    expect(calls / bound).toBeLessThan(1.6);
  });
});

describe('a month started from its finished neighbour', () => {
  it('stays exact, and a partial one is estimated from the neighbour within its interval', async () => {
    let held = 0;
    for (const seed of [1, 2, 3]) {
      const store = new MemoryKeyValueStore(() => HARNESS_NOW);
      const full = mauHarness({ events: 200_000, users: 5_000, seed, store });
      await full.mau.count(['2026-10']);
      const small = mauHarness({ emulator: full.emulator, events: 0, users: 0, store, callBudget: 8 });
      const [partial] = (await small.mau.count(['2026-09'])).months;
      const truth = small.truth('2026-09');
      expect(partial).toMatchObject({ exact: false, basis: 'estimate', upstreamCalls: 8 });
      expect(partial.lowerBound).toBeLessThanOrEqual(truth);
      if ((partial.estimateLow ?? Infinity) <= truth && truth <= (partial.estimateHigh ?? 0)) held++;
      const [done] = (await full.mau.count(['2026-09'])).months;
      expect(done).toMatchObject({ exact: true, activeUsers: truth });
    }
    expect(held).toBeGreaterThanOrEqual(2);
  });
});

describe('authentications only', () => {
  it('counts users with token_verified or one_touch_request_responded, exactly', async () => {
    const h = mauHarness({ events: 60_000, users: 1_500, mauEvents: 'authentications' });
    const result = await h.mau.count(PAST.slice(-3));
    expect(result.events).toBe('authentications');
    for (const m of result.months) expect(m, m.month).toMatchObject({ exact: true, activeUsers: h.truth(m.month) });
    const everyone = mauHarness({ emulator: h.emulator, events: 0, users: 0 });
    expect(everyone.truth('2026-10')).toBeGreaterThan(h.truth('2026-10'));
  });
});

describe('a small call budget', () => {
  it('is never exceeded, brackets the truth, and resumes each month until it is exact', async () => {
    const store = new MemoryKeyValueStore(() => HARNESS_NOW);
    const h = mauHarness({ events: 200_000, users: 5_000, callBudget: 7, store });
    const months = PAST.slice(-3);
    let exact = false;
    let requests = 0;
    let total = 0;
    while (!exact && requests < 60) {
      const before = h.calls();
      const result = await h.mau.count(months);
      const spent = h.calls() - before;
      requests++;
      total += spent;
      expect(spent).toBeLessThanOrEqual(7);
      expect(result.budget.spent).toBe(spent);
      for (const m of result.months) {
        const truth = h.truth(m.month);
        expect(m.lowerBound).toBeLessThanOrEqual(truth);
        if (m.exact) expect(m.activeUsers).toBe(truth);
        else expect(m.pending || m.callsThisRequest === 0).toBe(true);
      }
      exact = result.months.every((m) => m.exact);
    }
    expect(exact).toBe(true);
    expect(requests).toBeGreaterThan(5);
    // Resuming wastes nothing: the same total as one unlimited request would spend, give or take.
    const fresh = mauHarness({ emulator: h.emulator, events: 0, users: 0 });
    const unlimited = await fresh.mau.count(months);
    expect(total).toBeLessThanOrEqual(unlimited.budget.spent + 3);
  });

  it('gives an estimate whose 95% interval holds the truth in the large majority of months and seeds', async () => {
    let cases = 0;
    let held = 0;
    for (const seed of [1, 2, 3, 4]) {
      const h = mauHarness({ events: 200_000, users: 5_000, seed, callBudget: 10 });
      for (const month of PAST.slice(-4)) {
        const [m] = (await h.mau.count([month])).months;
        const truth = h.truth(month);
        expect(m.lowerBound).toBeLessThanOrEqual(truth);
        if (m.exact || m.estimateLow === null || m.estimateHigh === null) continue;
        expect(m.basis).toBe('estimate');
        cases++;
        if (m.estimateLow <= truth && truth <= m.estimateHigh) held++;
      }
    }
    expect(cases).toBeGreaterThanOrEqual(12);
    expect(held / cases).toBeGreaterThanOrEqual(0.8);
  });
});
