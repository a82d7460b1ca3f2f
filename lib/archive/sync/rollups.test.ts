/**
 * When the live edge does not fit the share the archive keeps rollups only; when it fits
 * without room, events for the days it can backfill and rollups for the rest. Rollups are
 * checked against the emulator's own data, and cost a few calls a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_EVENT_NAMES } from '../../authy/vocabulary';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { ManualClock } from '@/test/support/fakes';
import { DAY, HOUR, mergeIntervals } from './intervals';
import { nextRollupWork } from './rollups';
import { coverageOf, readSnapshot } from './status';
import { DATA_END, drive, harness, runFor, testEmulator, type Harness } from '@/test/support/archive-sync/harness';

const emulator = testEmulator();
const settings = { apiRetentionDays: 10, windowTarget: 150 };

async function rollupsDone(h: Harness): Promise<boolean> {
  const state = await h.ctx.store.state();
  return state !== undefined && (await nextRollupWork(h.ctx, state)) === undefined;
}

function deviceTypesOn(day: number): Map<string, number> {
  const counts = new Map<string, number>();
  emulator.dataset.forEachEvent(
    (e) => {
      const type = e.objects.device?.s_device_type;
      if (typeof type === 'string') counts.set(type, (counts.get(type) ?? 0) + 1);
    },
    { from: day, to: day + DAY },
  );
  return counts;
}

describe.each(backends)('rollups on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(() => close());

  it('keeps rollups only when even the live edge does not fit, a few calls a day within the share', async () => {
    const clock = new ManualClock(DATA_END - 2 * DAY);
    // 10 calls an hour: 60 polls an hour cannot fit.
    const budget = { perMinute: 30, perHour: 20, share: 0.5 };
    const h = harness({
      db: async () => store.db,
      fetch: (r) => emulator.handle(r),
      clock,
      appId: 'app_rollups',
      settings,
      budget,
    });
    await drive(h, clock, () => rollupsDone(h));
    expect((await h.ctx.store.state())?.mode).toBe('rollups');
    expect(h.calls.count({ endpoint: 'events' })).toBe(0);
    expect(coverageOf(await readSnapshot(h.ctx), true).events).toEqual([]);
    for (const call of h.calls.calls) {
      expect(h.calls.calls.filter((c) => c.at > call.at - HOUR && c.at <= call.at).length).toBeLessThanOrEqual(10);
    }

    const [span] = await h.ctx.rollups.spans('hourly');
    expect(span.to - span.from).toBeGreaterThan(8 * DAY);
    const rows = await h.ctx.rollups.hourly(span.from, span.to);
    for (let hour = span.from; hour < span.to; hour += HOUR) {
      const held = rows.filter((r) => r.hour === hour).reduce((n, r) => n + r.count, 0);
      expect(held).toBe(emulator.dataset.countBetween(hour, hour + HOUR));
    }
    for (const name of ALL_EVENT_NAMES) {
      const held = rows.filter((r) => r.event === name).reduce((n, r) => n + r.count, 0);
      expect(held).toBe(emulator.dataset.countBetween(span.from, span.to, [name]));
    }
    const [days] = await h.ctx.rollups.spans('device_type');
    const lastDay = days.to - DAY;
    const terms = await h.ctx.rollups.dailyTerms('device_type', lastDay, days.to);
    expect(new Map(terms.map((t) => [t.key, t.count]))).toEqual(deviceTypesOn(lastDay));

    // A day later: one day's hourly counts (two calls: 20 names a call), its two top-100s, the daily fit.
    const before = h.calls.calls.length;
    await runFor(h, clock, DAY);
    await drive(h, clock, () => rollupsDone(h));
    expect(h.calls.calls.length - before).toBe(5);
  }, 120_000);

  it('keeps events for the days it can backfill and rollups for the older ones when the live edge fits without room', async () => {
    const clock = new ManualClock(DATA_END - 2 * DAY);
    const now = clock.now();
    // 70 calls an hour: the live edge's 61 fit, but not within three quarters.
    const budget = { perMinute: 30, perHour: 140, share: 0.5 };
    const h = harness({
      db: async () => store.db,
      fetch: (r) => emulator.handle(r),
      clock,
      appId: 'app_partial',
      settings,
      budget,
    });
    await drive(h, clock, async () => (await rollupsDone(h)) && (await h.ctx.store.nextPending()) === undefined);
    const state = await h.ctx.store.state();
    expect(state?.mode).toBe('partial');
    // The backfill would meet the retention edge after about an hour: 9.9 days, less a day's margin.
    expect(state?.floor_ms).toBe(now - 8 * DAY);
    const coverage = coverageOf(await readSnapshot(h.ctx), true);
    expect(coverage.events[0].from).toBe(now - 8 * DAY);
    const hourly = mergeIntervals(await h.ctx.rollups.spans('hourly'));
    // From the oldest hour the API still held when the first rollup was read, to the floor.
    expect(hourly).toHaveLength(1);
    expect(hourly[0].to).toBe(now - 8 * DAY);
    expect(hourly[0].from).toBeGreaterThanOrEqual(now - 10 * DAY + HOUR);
    expect(hourly[0].from).toBeLessThanOrEqual(now - 10 * DAY + 3 * HOUR);
  });
});
