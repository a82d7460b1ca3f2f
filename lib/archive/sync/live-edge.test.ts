/**
 * The paths a small data set never takes, against a steady synthetic stream: a window that
 * holds more than one query reaches, a live edge far behind after a pause, and a heavy
 * look-back counted by histogram that finds late arrivals.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { ManualClock } from '@/test/support/fakes';
import { HOUR, MINUTE } from './intervals';
import { coverageOf, readSnapshot } from './status';
import { copiedWindows, settledArchive } from '@/test/support/archive-sync/expectations';
import { firehose, type FirehoseOptions } from '@/test/support/archive-sync/firehose';
import { drive, harness, type Harness, type HarnessOptions } from '@/test/support/archive-sync/harness';

const T = Date.parse('2026-10-01T12:00:00.000Z');
let store: Store;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await backends[0].open());
});
afterAll(() => close());

function setup(
  appId: string,
  stream: Omit<FirehoseOptions, 'clock'>,
  settings: HarnessOptions['settings'],
  budget?: HarnessOptions['budget'],
) {
  const clock = new ManualClock(T);
  const source = firehose({ ...stream, clock: () => clock.now() });
  const h = harness({
    db: async () => store.db,
    fetch: source.fetch,
    clock,
    appId,
    settings: { apiRetentionDays: 1, ...settings },
    budget,
  });
  return { clock, source, h };
}

async function heldIds(h: Harness, from: number, to: number): Promise<string[]> {
  const rows = await store.db
    .selectFrom('archive_events')
    .select('request_id')
    .where('app_id', '=', h.ctx.appId)
    .where('time_ms', '>=', from)
    .where('time_ms', '<', to)
    .execute();
  return rows.map((r) => r.request_id).sort();
}

it('splits a window at page 100 when it holds more than one query reaches, and copies the rest', async () => {
  // 15,000 an hour for 50 minutes, windows sized up to 12,000: the first one planned (11,250) cannot be read whole.
  const { clock, source, h } = setup(
    'app_overflow',
    { eventsPerHour: 15_000, start: T - 50 * MINUTE },
    { windowTarget: 12_000 },
  );
  await drive(h, clock, () => settledArchive(h));
  const windows = copiedWindows(h.calls.calls);
  const full = windows.find((w) => w.pages.length === 100);
  expect(full).toBeDefined();
  const rest = windows.find((w) => w.from === full?.from && w.to < (full?.to ?? 0));
  expect(rest).toBeDefined();
  // The rest ends just after the oldest event of page 100, so the events of that millisecond are read again.
  expect(source.countBetween(rest?.to ?? 0, full?.to ?? 0)).toBe(10_000 - 1);
  const state = await h.ctx.store.state();
  const ids = await heldIds(h, state?.floor_ms ?? 0, state?.cursor_ms ?? 0);
  expect(ids).toEqual(source.requestIdsBetween(state?.floor_ms ?? 0, state?.cursor_ms ?? 0).sort());
  expect(h.calls.count({ cls: 'verification', endpoint: 'events' })).toBe(0);
}, 180_000);

it('hands a gap too big for one poll to the backfill after a pause, and closes it newest first', async () => {
  const { clock, source, h } = setup('app_gap', { eventsPerHour: 3_000, start: T - 2 * HOUR }, { windowTarget: 2_000 });
  await drive(h, clock, () => settledArchive(h));
  const before = (await h.ctx.store.state())?.cursor_ms ?? 0;
  // The process is down for two hours: 6,000 events, more than a poll reads.
  clock.advance(2 * HOUR);
  const resumedAt = clock.now();
  const calls = h.calls.calls.length;
  await drive(
    h,
    clock,
    async () => ((await h.ctx.store.state())?.cursor_ms ?? 0) >= T + 2 * HOUR && (await settledArchive(h)),
  );
  const after = h.calls.calls.slice(calls);
  // The backfill read the gap, newest first, in windows it sized; the live edge read none of it.
  const gapWindows = copiedWindows(after);
  expect(gapWindows[0].to).toBe(resumedAt);
  for (let k = 1; k < gapWindows.length; k++) expect(gapWindows[k].to).toBe(gapWindows[k - 1].from);
  expect(gapWindows[gapWindows.length - 1].from).toBe(before);
  for (const call of after.filter((c) => c.cls === 'live' && c.query.endpoint === 'events')) {
    const since =
      call.query.endpoint === 'events' ? call.query.params.query.find((c) => c.operator === 'gte') : undefined;
    expect(Date.parse(since?.value ?? '')).toBeGreaterThanOrEqual(resumedAt - 10 * MINUTE);
  }

  const state = await h.ctx.store.state();
  const coverage = coverageOf(await readSnapshot(h.ctx), true);
  expect(coverage.events).toEqual([{ from: state?.floor_ms, to: state?.cursor_ms }]);
  const ids = await heldIds(h, state?.floor_ms ?? 0, state?.cursor_ms ?? 0);
  expect(ids).toEqual(source.requestIdsBetween(state?.floor_ms ?? 0, state?.cursor_ms ?? 0).sort());
}, 120_000);

it('counts a heavy look-back by histogram and reads again the minutes where late arrivals landed', async () => {
  // 3,000 an hour: 500 events in a 10-minute look-back; one event in 20 shows 5 minutes late.
  const { clock, source, h } = setup(
    'app_late_heavy',
    { eventsPerHour: 3_000, start: T - HOUR, lateEvery: 20, lateMs: 5 * MINUTE },
    { windowTarget: 2_000 },
  );
  await drive(h, clock, () => {
    if (clock.now() < T + HOUR) h.lanes.live.touched = clock.now();
    return clock.now() >= T + HOUR;
  });
  const recounts = h.calls.calls.filter((c) => c.cls === 'live' && c.query.endpoint === 'date_histogram');
  // One every half look-back (5 minutes) while polling every minute.
  expect(recounts.length).toBeGreaterThanOrEqual(11);
  expect(recounts.length).toBeLessThanOrEqual(13);
  // An hour more: the hour the page was open closes, settles and is verified.
  await drive(h, clock, async () => clock.now() >= T + 2 * HOUR && (await settledArchive(h)));
  const state = await h.ctx.store.state();
  const settled = T + HOUR;
  expect((await h.ctx.store.windows(['verified'])).at(-1)?.end_ms).toBeGreaterThanOrEqual(settled);
  const ids = await heldIds(h, state?.floor_ms ?? 0, settled);
  expect(ids).toEqual(source.requestIdsBetween(state?.floor_ms ?? 0, settled).sort());
  // The look-back found every late arrival: verification had nothing to repair.
  expect(h.calls.count({ cls: 'verification', endpoint: 'events' })).toBe(0);
}, 120_000);

it('backfills in the room the live edge leaves: evenly, and never holding a watched live edge back', async () => {
  // 3,000 an hour with a page open all along: the live edge needs 73 calls an hour of the 300.
  const { clock, source, h } = setup(
    'app_paced',
    { eventsPerHour: 3_000, start: T - 6 * HOUR },
    { windowTarget: 9_500 },
    { perMinute: 30, perHour: 300, share: 1 },
  );
  let worstLag = 0;
  await drive(h, clock, async () => {
    h.lanes.live.touched = clock.now();
    const cursor = (await h.ctx.store.state())?.cursor_ms;
    if (cursor) worstLag = Math.max(worstLag, clock.now() - cursor);
    return settledArchive(h);
  });
  const background = h.calls.calls.filter((c) => c.cls !== 'live');
  for (const call of background) {
    const lastHour = background.filter((c) => c.at > call.at - HOUR && c.at <= call.at).length;
    expect(lastHour).toBeLessThanOrEqual(300 - 73);
    const sameMinute = background.filter((c) => Math.floor(c.at / MINUTE) === Math.floor(call.at / MINUTE)).length;
    expect(sameMinute).toBeLessThanOrEqual(Math.ceil((300 - 73) / 60));
  }
  expect(worstLag).toBeLessThanOrEqual(2 * MINUTE);
  const state = await h.ctx.store.state();
  const ids = await heldIds(h, state?.floor_ms ?? 0, state?.cursor_ms ?? 0);
  expect(ids).toEqual(source.requestIdsBetween(state?.floor_ms ?? 0, state?.cursor_ms ?? 0).sort());
}, 180_000);
