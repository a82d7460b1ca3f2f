/**
 * The sync against the emulator in process, in virtual time, on every store backend: a
 * backfill that ends holding exactly the emulator's events, the live edge's cadence, the
 * retention prune, a window resumed after a crash, and verification repairing a tampered copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { ManualClock } from '@/test/support/fakes';
import { finestInterval } from './buckets';
import { DAY, HOUR, MINUTE } from './intervals';
import { coverageOf, readSnapshot, statusOf } from './status';
import { compareWithEmulator } from '@/test/support/archive-sync/ground-truth';
import { copiedWindows, settledArchive } from '@/test/support/archive-sync/expectations';
import {
  DATA_END,
  drive,
  harness,
  runFor,
  testEmulator,
  type HarnessOptions,
} from '@/test/support/archive-sync/harness';

const emulator = testEmulator();
/** Ten days of retention keep the tests to a few dozen calls; windows of 150 events make several. */
const SMALL = { apiRetentionDays: 10, windowTarget: 150 };

describe.each(backends)('archive sync on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(() => close());

  const setup = (appId: string, clock: ManualClock, options: Partial<HarnessOptions> = {}) =>
    harness({
      db: async () => store.db,
      fetch: (r) => emulator.handle(r),
      clock,
      appId,
      ...options,
      settings: { ...SMALL, ...options.settings },
    });

  describe('one application followed for a while', () => {
    const clock = new ManualClock(DATA_END - 2 * DAY);
    const t0 = clock.now();
    const h = setup('app_followed', clock);

    it('backfills newest first in sized windows, verifies each, and holds exactly the emulator events', async () => {
      await drive(h, clock, () => settledArchive(h));
      const state = await h.ctx.store.state();
      expect(state).toMatchObject({ mode: 'full', floor_ms: t0 - 10 * DAY });

      // Newest first: each window ends where the next one read begins.
      const windows = copiedWindows(h.calls.calls);
      expect(windows.length).toBeGreaterThan(3);
      expect(windows[0].to).toBe(t0);
      for (let i = 1; i < windows.length; i++) expect(windows[i].to).toBe(windows[i - 1].from);
      expect(windows[windows.length - 1].from).toBe(t0 - 10 * DAY);
      // Pages of 100, stopping on the first short one: ⌊n/100⌋ + 1 calls for n events, each page once.
      for (const w of windows) {
        const n = emulator.dataset.countBetween(w.from, w.to);
        expect(n).toBeLessThanOrEqual(SMALL.windowTarget);
        expect(w.pages).toEqual(Array.from({ length: Math.floor(n / 100) + 1 }, (_, i) => i + 1));
      }
      // One fit and one plan; one verification per window, no repair.
      expect(h.calls.count({ cls: 'backfill', endpoint: 'date_histogram' })).toBe(2);
      expect(h.calls.count({ cls: 'verification', endpoint: 'events' })).toBe(0);
      expect(h.calls.count({ cls: 'verification' })).toBe(windows.length);

      const coverage = coverageOf(await readSnapshot(h.ctx), true);
      expect(coverage.events).toEqual([{ from: t0 - 10 * DAY, to: state?.cursor_ms }]);
      const compared = await compareWithEmulator(
        store.db,
        'app_followed',
        emulator,
        t0 - 10 * DAY,
        state?.cursor_ms ?? 0,
      );
      expect(compared.missing).toEqual([]);
      expect(compared.extra).toEqual([]);

      const status = statusOf(h.ctx, await readSnapshot(h.ctx), false);
      expect(status).toMatchObject({
        mode: 'full',
        verifiedThrough: new Date(t0).toISOString(),
        eventsHeld: compared.held,
        backfill: { expectedEnd: null },
      });
      expect(status.backfill.done).toBe(status.backfill.total);
      expect(status.callsThisHour.total).toBe(h.calls.calls.length);
    });

    it('polls every minute while a page is open, every five otherwise, and closes each hour for verification', async () => {
      const before = h.calls.calls.length;
      const start = clock.now();
      // Someone keeps a page open for the first hour.
      await drive(h, clock, () => {
        if (clock.now() < start + HOUR) h.lanes.live.touched = clock.now();
        return clock.now() >= start + 3 * HOUR;
      });
      const live = h.calls.calls.slice(before).filter((c) => c.cls === 'live');
      const inFirstHour = live.filter((c) => c.at < start + HOUR).length;
      const later = live.filter((c) => c.at >= start + HOUR + 5 * MINUTE).length;
      expect(inFirstHour).toBeGreaterThanOrEqual(59);
      expect(inFirstHour).toBeLessThanOrEqual(61);
      expect(later).toBeGreaterThanOrEqual(22);
      expect(later).toBeLessThanOrEqual(24);
      // A light look-back is read with the new events: one call a poll.
      expect(live.every((c) => c.query.endpoint === 'events')).toBe(true);

      await drive(h, clock, () => settledArchive(h));
      const state = await h.ctx.store.state();
      const compared = await compareWithEmulator(
        store.db,
        'app_followed',
        emulator,
        t0 - 10 * DAY,
        state?.cursor_ms ?? 0,
      );
      expect(compared.missing).toEqual([]);
      expect(compared.extra).toEqual([]);
      const status = statusOf(h.ctx, await readSnapshot(h.ctx), false);
      expect(status.coverage).toEqual([
        { from: new Date(t0 - 10 * DAY).toISOString(), to: new Date(state?.cursor_ms ?? 0).toISOString() },
      ]);
      // Hours closed by the live edge and settled are verified too.
      expect(Date.parse(status.verifiedThrough ?? '')).toBeGreaterThanOrEqual(t0 + 3 * HOUR);
    });

    it('prunes what is older than the retention once a day, events, windows and rollups alike', async () => {
      const pruned = setup('app_followed', clock, { settings: { retentionDays: 9 } });
      await store.db
        .insertInto('archive_rollup_hourly')
        .values({ app_id: 'app_followed', hour_ms: t0 - 9 * DAY - HOUR, event: 'token_verified', count: 3 })
        .execute();
      // The first prune ran with the backfill; the next is due a day later.
      await runFor(pruned, clock, DAY, ['housekeeping']);
      const prunedAt = (await pruned.ctx.store.state())?.pruned_at_ms ?? 0;
      expect(prunedAt).toBeGreaterThan(t0 + DAY - 20 * MINUTE);
      const cutoff = prunedAt - 9 * DAY;
      expect(await pruned.ctx.events.countBetween('app_followed', 0, cutoff)).toBe(0);
      expect(await pruned.ctx.rollups.hourly(0, cutoff)).toEqual([]);
      const status = statusOf(pruned.ctx, await readSnapshot(pruned.ctx), false);
      const coverageStart = Date.parse(status.coverage[0].from);
      expect(coverageStart).toBeGreaterThanOrEqual(cutoff - 10 * MINUTE);
      expect(coverageStart).toBeLessThanOrEqual(cutoff);
      const cursor = (await pruned.ctx.store.state())?.cursor_ms ?? 0;
      expect(status.eventsHeld).toBe(emulator.dataset.countBetween(coverageStart, cursor));
    });
  });

  it('verifies a backlog of copied windows at the backfill’s pace, not in a burst', async () => {
    // A backfill done at generous limits, stopped before verifying: then a restart at the real ones.
    const clock = new ManualClock(DATA_END - 2 * DAY);
    const filler = setup('app_backlog', clock);
    await drive(
      filler,
      clock,
      async () => (await filler.ctx.store.state()) !== undefined && !(await filler.ctx.store.nextPending()),
      { lanes: ['backfill', 'live'] },
    );
    const backlog = (await filler.ctx.store.windows(['copied'])).length;
    expect(backlog).toBeGreaterThan(3);
    // Settled, and the fill's calls out of the last hour.
    clock.t += 2 * HOUR;
    const budget = { perMinute: 30, perHour: 300, share: 0.5 };
    const restarted = setup('app_backlog', clock, { budget });
    await drive(
      restarted,
      clock,
      async () => {
        restarted.lanes.live.touched = clock.now();
        return (await restarted.ctx.store.windows(['copied'])).length === 0;
      },
      { lanes: ['verification'] },
    );
    const calls = restarted.calls.calls.filter((c) => c.cls === 'verification');
    expect(calls).toHaveLength(backlog);
    // The share is 150 an hour, less what the live edge needs: at most a sixtieth of it a minute.
    for (const call of calls) {
      const sameMinute = calls.filter((c) => Math.floor(c.at / MINUTE) === Math.floor(call.at / MINUTE));
      expect(sameMinute.length).toBeLessThanOrEqual(Math.ceil(150 / 60));
    }
  });

  it('resumes a window where it stopped after a crash, reading no page twice', async () => {
    const clock = new ManualClock(DATA_END - 3 * DAY);
    const first = setup('app_crash', clock);
    await drive(first, clock, async () => (await first.ctx.store.windows(['queued'])).some((w) => w.pages > 0), {
      lanes: ['backfill'],
    });
    const interrupted = (await first.ctx.store.windows(['queued'])).find((w) => w.pages > 0);
    // The process dies here; a new one opens the same store.
    const second = setup('app_crash', clock);
    await drive(second, clock, () => settledArchive(second));
    const pages = [...copiedWindows(first.calls.calls), ...copiedWindows(second.calls.calls)].flatMap((w) =>
      w.pages.map((p) => `${w.from}-${w.to}#${p}`),
    );
    expect(new Set(pages).size).toBe(pages.length);
    const resumed = copiedWindows(second.calls.calls).find((w) => w.from === interrupted?.start_ms);
    expect(resumed?.pages[0]).toBe((interrupted?.pages ?? 0) + 1);
    const state = await second.ctx.store.state();
    const whole = await compareWithEmulator(
      store.db,
      'app_crash',
      emulator,
      state?.floor_ms ?? 0,
      state?.cursor_ms ?? 0,
    );
    expect(whole.missing).toEqual([]);
    expect(whole.extra).toEqual([]);
  });

  it('repairs a tampered copy: the buckets that differ are read again and replaced, then the window verifies', async () => {
    const clock = new ManualClock(DATA_END - 4 * DAY);
    const h = setup('app_tampered', clock);
    await drive(
      h,
      clock,
      async () =>
        (await h.ctx.store.windows(['unplanned', 'queued'])).length === 0 && (await h.ctx.store.state()) !== undefined,
      {
        lanes: ['backfill'],
      },
    );
    const [older, newer] = (await h.ctx.store.windows(['copied'])).slice(-3);
    // Three events lost from one window, one that never happened forged into another.
    const lost = await store.db
      .selectFrom('archive_events')
      .select(['request_id', 'time_ms'])
      .where('app_id', '=', 'app_tampered')
      .where('time_ms', '>=', older.start_ms)
      .where('time_ms', '<', older.end_ms)
      .orderBy('time_ms')
      .limit(3)
      .execute();
    await store.db
      .deleteFrom('archive_events')
      .where('app_id', '=', 'app_tampered')
      .where(
        'request_id',
        'in',
        lost.map((e) => e.request_id),
      )
      .execute();
    const forged = {
      event: 'token_verified',
      time: new Date(newer.start_ms + 1).toISOString(),
      request_id: 'forged',
      objects: {},
    };
    await h.ctx.events.insert('app_tampered', [forged]);

    const windows = (await h.ctx.store.windows(['copied'])).length;
    const bucketMs = finestInterval(older.held_from_ms ?? older.start_ms, older.end_ms).ms;
    const differing = new Set(lost.map((e) => Math.floor(e.time_ms / bucketMs))).size + 1;
    await drive(h, clock, async () => (await h.ctx.store.windows(['copied'])).length === 0, {
      lanes: ['verification'],
    });
    // One count per window, one page for each bucket that differs, one count again for the two windows.
    expect(h.calls.count({ cls: 'verification', endpoint: 'date_histogram' })).toBe(windows + 2);
    expect(h.calls.count({ cls: 'verification', endpoint: 'events' })).toBe(differing);
    expect(await h.ctx.store.windows(['disputed'])).toEqual([]);
    const state = await h.ctx.store.state();
    const compared = await compareWithEmulator(
      store.db,
      'app_tampered',
      emulator,
      state?.floor_ms ?? 0,
      clock.now() - 4 * DAY + 1,
    );
    expect(compared.missing).toEqual([]);
    expect(compared.extra).toEqual([]);
  });
});
