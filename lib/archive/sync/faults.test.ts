/**
 * The sync against an emulator that fails a third of its calls: 5xx, calls held past the
 * client's timeout, malformed bodies and 429s. It ends holding exactly the emulator's events,
 * waits out every 429 (no call of any class before Retry-After) and pauses after each failure.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { ManualClock } from '@/test/support/fakes';
import { DAY } from './intervals';
import { settledArchive } from '@/test/support/archive-sync/expectations';
import { compareWithEmulator } from '@/test/support/archive-sync/ground-truth';
import { DATA_END, drive, harness, testEmulator } from '@/test/support/archive-sync/harness';

let store: Store;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await backends[0].open());
});
afterAll(() => close());

it('survives 5xx, timeouts, malformed bodies and 429s without a hole, a duplicate or a hammered upstream', async () => {
  const emulator = testEmulator();
  emulator.setFaults({ error500: 0.15, timeout: 0.05, malformed: 0.1, tooMany: 0.05 });
  const clock = new ManualClock(DATA_END - 2 * DAY);
  const h = harness({
    db: async () => store.db,
    fetch: (r) => emulator.handle(r),
    clock,
    appId: 'app_faults',
    settings: { apiRetentionDays: 10, windowTarget: 150 },
    // A held call is given up after 300 ms of real time.
    timeoutMs: 300,
  });
  await drive(h, clock, () => settledArchive(h));

  const outcomes = new Set(h.calls.calls.map((c) => c.outcome));
  expect([...outcomes].sort()).toEqual(['back_off', 'failed', 'malformed', 'ok', 'timeout']);
  const calls = h.calls.calls;
  for (let i = 0; i < calls.length - 1; i++) {
    const { outcome, at, cls } = calls[i];
    // After a 429 (Retry-After: 60) nobody calls for a minute: the limiter holds every class back.
    if (outcome === 'back_off') expect(calls[i + 1].at).toBeGreaterThanOrEqual(at + 60_000);
    // After any other failure its lane pauses before trying again.
    if (outcome !== 'ok' && outcome !== 'back_off') {
      const next = calls.slice(i + 1).find((c) => c.cls === cls);
      if (next) expect(next.at).toBeGreaterThanOrEqual(at + 1_000);
    }
  }

  const state = await h.ctx.store.state();
  const compared = await compareWithEmulator(
    store.db,
    'app_faults',
    emulator,
    state?.floor_ms ?? 0,
    state?.cursor_ms ?? 0,
  );
  expect(compared.missing).toEqual([]);
  expect(compared.extra).toEqual([]);
  expect(await h.ctx.store.windows(['disputed'])).toEqual([]);
  expect((await h.ctx.store.windows(['verified'])).length).toBeGreaterThan(0);
});
