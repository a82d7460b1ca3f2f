/**
 * The demo's pre-fill with the real sync on the embedded store: the history the emulator no
 * longer shows, a day into what it still keeps, held exactly; the backfill then copies only the
 * rest of the retention window; a later start imports only what aged out since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/connect';
import { backends } from '@/test/support/stores';
import { ManualClock } from '@/test/support/fakes';
import { copiedWindows, settledArchive } from '@/test/support/archive-sync/expectations';
import { compareWithEmulator } from '@/test/support/archive-sync/ground-truth';
import { DATA_END, drive, harness, testEmulator } from '@/test/support/archive-sync/harness';
import { prefillDemoArchive, PREFILL_LABEL } from './demo-prefill';
import { createArchiveSync, holdsWindow } from './sync';

const DAY = 86_400_000;
const RETENTION_DAYS = 10;

describe('the demo pre-fill', () => {
  const emulator = testEmulator({ retentionDays: RETENTION_DAYS });
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backends[0].open());
  });
  afterAll(() => close());

  it('holds the history past the upstream’s retention, and the backfill copies only the rest', async () => {
    const clock = new ManualClock(DATA_END);
    const h = harness({
      db: async () => store.db,
      fetch: (r) => emulator.handle(r),
      clock,
      appId: 'app_prefill',
      settings: { apiRetentionDays: RETENTION_DAYS, windowTarget: 500 },
    });
    const sync = createArchiveSync(h.deps);
    const source = {
      eventsIn: (range: { from?: number; to: number }) => emulator.dataset.eventsIn(range),
      retentionDays: RETENTION_DAYS,
    };
    const edge = DATA_END - RETENTION_DAYS * DAY;

    const done = await prefillDemoArchive(sync, source, DATA_END);
    expect(done?.to).toBe(edge + DAY);
    const first = emulator.dataset.eventsIn({ to: DATA_END }).next().value;
    expect(done?.from).toBe(Math.floor(Date.parse(first?.time ?? '') / DAY) * DAY);
    expect(done?.imported).toBe(emulator.dataset.countBetween(done?.from ?? 0, edge + DAY));
    expect((await sync.status()).imported).toEqual([
      { label: PREFILL_LABEL, from: new Date(done?.from ?? 0).toISOString(), to: new Date(edge + DAY).toISOString() },
    ]);
    expect(h.calls.calls).toHaveLength(0);
    // Started again at the same moment: nothing to import.
    expect(await prefillDemoArchive(sync, source, DATA_END)).toBeNull();

    await drive(h, clock, () => settledArchive(h));
    const read = copiedWindows(h.calls.calls);
    expect(read.length).toBeGreaterThan(0);
    expect(Math.min(...read.map((w) => w.from))).toBeGreaterThanOrEqual(edge + DAY);
    // The pre-fill and the backfill meet: one span held from the first day to the live edge.
    // A fresh reader: the sync caches its snapshot for a second of real time.
    const coverage = await createArchiveSync(h.deps).coverage();
    expect(holdsWindow(coverage, done?.from ?? 0, DATA_END)).toBe(true);
    const diff = await compareWithEmulator(store.db, 'app_prefill', emulator, done?.from ?? 0, DATA_END);
    expect({ missing: diff.missing.length, extra: diff.extra.length }).toEqual({ missing: 0, extra: 0 });

    // Two days later: only the two days that aged out are imported.
    const later = await prefillDemoArchive(sync, source, DATA_END + 2 * DAY);
    expect(later).toMatchObject({ from: edge + DAY, to: edge + 3 * DAY });
    expect(later?.imported).toBe(0);
  }, 120_000);

  it('does nothing when the upstream keeps everything', async () => {
    const sync = {
      status: () => Promise.reject(new Error('not asked')),
      importEvents: () => Promise.reject(new Error('not asked')),
      markCovered: () => Promise.reject(new Error('not asked')),
    };
    await expect(prefillDemoArchive(sync, { eventsIn: () => [], retentionDays: 0 }, DATA_END)).resolves.toBeNull();
  });
});
