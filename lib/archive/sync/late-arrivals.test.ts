/**
 * Late arrivals from the emulator itself: its `late` fault and its moving clock (traffic after
 * the history, shown as the clock passes it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { createEmulator, type EmulatorDataset } from '../../emulator';
import { ManualClock } from '@/test/support/fakes';
import { HOUR, MINUTE } from './intervals';
import { settledArchive } from '@/test/support/archive-sync/expectations';
import { compareWithEmulator } from '@/test/support/archive-sync/ground-truth';
import { DATA_END, drive, EMULATOR_KEY, harness } from '@/test/support/archive-sync/harness';

describe('late arrivals from the emulator', () => {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backends[0].open());
  });
  afterAll(() => close());

  it('reads them within the look-back, so verification finds nothing to repair', async () => {
    const clock = new ManualClock(DATA_END);
    const emulator = createEmulator({
      seed: 9,
      events: 200_000,
      now: DATA_END,
      clock: () => clock.now(),
      apiKey: EMULATOR_KEY,
      ratePerMinute: 1_000_000,
      ratePerHour: 1_000_000,
    });
    emulator.setFaults({ late: 0.05, lateMinutes: 5 });
    const h = harness({
      db: async () => store.db,
      fetch: (r) => emulator.handle(r),
      clock,
      appId: 'app_late',
      settings: { apiRetentionDays: 3, windowTarget: 500 },
    });
    // Six hours of traffic with a page open all along, then long enough for the last hour to settle.
    await drive(h, clock, () => {
      if (clock.now() < DATA_END + 6 * HOUR) h.lanes.live.touched = clock.now();
      return clock.now() >= DATA_END + 6 * HOUR;
    });
    await drive(h, clock, async () => clock.now() >= DATA_END + 7 * HOUR && (await settledArchive(h)));

    // `arrivalOf` comes with the emulator's branch too.
    const dataset: EmulatorDataset & { arrivalOf?(index: number): number } = emulator.dataset;
    let late = 0;
    dataset.forEachEvent(
      (event, i) => {
        if ((dataset.arrivalOf?.(i) ?? 0) > Date.parse(event.time)) late++;
      },
      { from: DATA_END, to: DATA_END + 6 * HOUR },
    );
    expect(late).toBeGreaterThan(3);
    const state = await h.ctx.store.state();
    const compared = await compareWithEmulator(
      store.db,
      'app_late',
      emulator,
      state?.floor_ms ?? 0,
      DATA_END + 6 * HOUR,
    );
    expect(compared.missing).toEqual([]);
    expect(compared.extra).toEqual([]);
    expect(h.calls.count({ cls: 'verification', endpoint: 'events' })).toBe(0);
    expect((await h.ctx.store.windows(['verified'])).at(-1)?.end_ms).toBeGreaterThanOrEqual(
      DATA_END + 6 * HOUR - MINUTE,
    );
  }, 300_000);
});
