/**
 * What the API shows as the emulator's clock moves: retention, traffic after the history, late
 * arrivals. Every check goes through all three endpoints, which must agree with each other and
 * with the ground truth (the dataset, which describes what has happened whether shown or not).
 */
import { describe, expect, it } from 'vitest';
import { eventsResponseSchema, histogramResponseSchema, termsResponseSchema } from '../authy/responses';
import type { Emulator } from './index';
import { emulatorOptionsFromSettings } from './index';
import { emulatorSettingsSchema, faultsSchema } from './settings';
import { api, call, TEST_NOW, testEmulator } from '@/test/support/emulator';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EVENTS = 20_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A clock a test moves. The emulator's clock starts at TEST_NOW and follows this one's moves. */
function manualClock() {
  let now = TEST_NOW;
  return { now: () => now, set: (ms: number) => (now = ms) };
}

/** A test emulator whose clock has moved on to `at`. */
function emulatorAt(at: number, overrides: Parameters<typeof testEmulator>[0] = {}): Emulator {
  const clock = manualClock();
  const emulator = testEmulator({ ...overrides, clock: clock.now });
  clock.set(at);
  return emulator;
}

async function json(emulator: Emulator, path: string): Promise<unknown> {
  const res = await call(emulator, path);
  expect(res.status, res.text).toBe(200);
  return res.json();
}

/**
 * What each endpoint shows of [from, to): the events' request ids (the first `pages` pages
 * of 100), the histogram's total and bucket count, the terms' total.
 */
async function shown(emulator: Emulator, from: number, to: number, interval = 'day', pages = 100) {
  const window = (root: string) => `${root}[time][gte]=${iso(from)}&${root}[time][lt]=${iso(to)}`;
  const ids: string[] = [];
  for (let page = 1; page <= pages; page++) {
    const { events } = eventsResponseSchema.parse(
      await json(emulator, api('events', `${window('query')}&per_page=100&page=${page}`)),
    );
    ids.push(...events.map((e) => e.request_id));
    if (events.length < 100) break;
  }
  const histogram = histogramResponseSchema.parse(
    await json(
      emulator,
      api('date_histogram', `${window('scope')}&report[all][event][gte]=a&interval=${interval}&per_page=100`),
    ),
  );
  const terms = termsResponseSchema.parse(
    await json(emulator, api('terms', `field=event&size=100&${window('scope')}`)),
  );
  return {
    ids,
    histogram: histogram.reports.all.reduce((n, bucket) => n + bucket.count, 0),
    buckets: histogram.reports.all.length,
    terms: terms.terms.reduce((n, term) => n + term.count, 0),
  };
}

/** The request ids of the events of [from, to) that the API shows at `now`, from the ground truth. */
function truth(emulator: Emulator, from: number, to: number, now: number, retentionMs = 0): string[] {
  const ids: string[] = [];
  const lower = retentionMs > 0 ? Math.max(from, now - retentionMs) : from;
  emulator.dataset.forEachEvent(
    (event, i) => {
      if (emulator.dataset.arrivalOf(i) <= now) ids.push(event.request_id);
    },
    { from: lower, to: Math.min(to, now + 1) },
  );
  return ids.reverse(); // newest first, as the events endpoint answers
}

async function expectShown(emulator: Emulator, from: number, to: number, expected: string[], interval = 'day') {
  const seen = await shown(emulator, from, to, interval);
  expect(seen.ids).toEqual(expected);
  expect(seen.histogram).toBe(expected.length);
  expect(seen.terms).toBe(expected.length);
  return seen;
}

describe('retention', () => {
  const emulator = testEmulator({ retentionDays: 90 });
  const cutoff = TEST_NOW - 90 * DAY;

  it('no endpoint shows an event older than now − retention: events, histogram buckets and terms', async () => {
    const visible = emulator.dataset.countBetween(cutoff, TEST_NOW + 1);
    expect(visible).toBeGreaterThan(1_000);
    expect(visible).toBeLessThan(emulator.dataset.size / 2);
    const all = await shown(emulator, TEST_NOW - 800 * DAY, TEST_NOW + DAY, 'week', 1);
    expect(all.histogram).toBe(visible);
    expect(all.terms).toBe(visible);
    expect(all.buckets).toBeLessThanOrEqual(15);

    await expectShown(emulator, TEST_NOW - 400 * DAY, cutoff, []);
    // Across the cutoff, exactly the events from it on.
    await expectShown(emulator, cutoff - DAY, cutoff + DAY, truth(emulator, cutoff, cutoff + DAY, TEST_NOW), 'hour');
    const oldest = eventsResponseSchema.parse(
      await json(emulator, api('events', `query[time][lt]=${iso(cutoff + HOUR)}&per_page=100`)),
    ).events;
    expect(oldest.length).toBeGreaterThan(0);
    for (const event of oldest) expect(Date.parse(event.time)).toBeGreaterThanOrEqual(cutoff);
  });

  it('moves with the clock, and the ground truth still holds what the API forgot', async () => {
    const clock = manualClock();
    const moving = testEmulator({ retentionDays: 90, clock: clock.now });
    const lastDay = truth(moving, cutoff, cutoff + DAY, TEST_NOW);
    expect(lastDay.length).toBeGreaterThan(0);
    await expectShown(moving, cutoff, cutoff + DAY, lastDay, 'hour');
    clock.set(TEST_NOW + DAY);
    await expectShown(moving, cutoff, cutoff + DAY, [], 'hour');
    expect(moving.dataset.countBetween(cutoff, cutoff + DAY)).toBe(lastDay.length);
    expect(moving.dataset.countBetween(moving.dataset.start, cutoff)).toBeGreaterThan(EVENTS / 2);
  });

  it('0 keeps everything', async () => {
    const everything = testEmulator({ retentionDays: 0 });
    const all = await shown(everything, TEST_NOW - 800 * DAY, TEST_NOW + DAY, 'month', 0);
    expect(all.terms).toBe(EVENTS);
    expect(all.histogram).toBe(EVENTS);
  });

  it('comes from EMULATOR_RETENTION_DAYS, 90 unless set', () => {
    expect(emulatorOptionsFromSettings(emulatorSettingsSchema.parse({})).retentionDays).toBe(90);
    const options = emulatorOptionsFromSettings(emulatorSettingsSchema.parse({ EMULATOR_RETENTION_DAYS: '0' }));
    expect(options.retentionDays).toBe(0);
    expect(() => emulatorSettingsSchema.parse({ EMULATOR_RETENTION_DAYS: '-1' })).toThrow();
  });
});

describe('the clock', () => {
  /** The same data set seen a day later: the ground truth for the traffic after TEST_NOW. */
  const later = emulatorAt(TEST_NOW + DAY);

  it('starts at now, where the history ends: exactly the requested events, none after', async () => {
    const emulator = testEmulator();
    expect(emulator.now()).toBe(TEST_NOW);
    expect(emulator.dataset.size).toBe(EVENTS);
    expect(emulator.dataset.end).toBe(TEST_NOW);
    const [newest] = eventsResponseSchema.parse(await json(emulator, api('events', 'per_page=1'))).events;
    expect(Date.parse(newest.time)).toBeLessThanOrEqual(TEST_NOW);
    expect(newest).toEqual(emulator.dataset.event(EVENTS - 1));
  });

  it('an event appears on every endpoint when the clock reaches its time, not a millisecond before', async () => {
    expect(later.dataset.size).toBeGreaterThan(EVENTS);
    const next = later.dataset.event(EVENTS);
    const at = later.dataset.timeOf(EVENTS);
    expect(at).toBeGreaterThan(TEST_NOW);

    const clock = manualClock();
    const emulator = testEmulator({ clock: clock.now });
    const window: [number, number] = [at - HOUR, at + HOUR];
    clock.set(at - 1);
    const before = await expectShown(emulator, ...window, truth(later, ...window, at - 1), 'hour');
    expect(before.ids).not.toContain(next.request_id);
    expect(emulator.dataset.size).toBe(EVENTS);

    clock.set(at);
    const after = await expectShown(emulator, ...window, truth(later, ...window, at), 'hour');
    expect(after.ids[0]).toBe(next.request_id);
    expect(after.ids.slice(1)).toEqual(before.ids);
    const [newest] = eventsResponseSchema.parse(await json(emulator, api('events', 'per_page=1'))).events;
    expect(newest).toEqual(next);
    expect(emulator.dataset.size).toBe(EVENTS + 1);
    expect(emulator.dataset.end).toBe(at);
  });

  it('the traffic after the history is the same for a seed however the clock got there', () => {
    const clock = manualClock();
    const stepwise = testEmulator({ clock: clock.now });
    for (let day = 1; day <= 20; day++) {
      clock.set(TEST_NOW + day * DAY);
      void stepwise.dataset.size;
    }
    const jumped = emulatorAt(TEST_NOW + 20 * DAY);
    const list = (e: Emulator) => {
      const out: string[] = [];
      e.dataset.forEachEvent((event) => out.push(JSON.stringify(event)), { from: TEST_NOW - DAY });
      return out;
    };
    const events = list(jumped);
    expect(events.length).toBeGreaterThan(500);
    expect(list(stepwise)).toEqual(events);
    expect(list(emulatorAt(TEST_NOW + 20 * DAY, { seed: 8 }))).not.toEqual(events);
  });

  it('a demo left running for weeks still has last-hour traffic, at the rate the history ended with', async () => {
    const now = TEST_NOW + 45 * DAY;
    const emulator = emulatorAt(now, { retentionDays: 90 });
    const sessions = ['token_verified', 'one_touch_request_responded', 'totp_token_sent'] as const;
    const lastWeeks = emulator.dataset.countBetween(now - 28 * DAY, now + 1, sessions);
    const historyEnd = emulator.dataset.countBetween(TEST_NOW - 28 * DAY, TEST_NOW + 1, sessions);
    expect(lastWeeks / historyEnd).toBeGreaterThan(0.8);
    expect(lastWeeks / historyEnd).toBeLessThan(1.3);

    const lastDay = await expectShown(emulator, now - DAY, now + 1, truth(emulator, now - DAY, now + 1, now), 'hour');
    expect(lastDay.ids.length).toBeGreaterThan(10);
    const lastHours = await shown(emulator, now - 6 * HOUR, now + 1, 'hour');
    expect(lastHours.terms).toBeGreaterThan(0);
  });

  it('new users keep signing up: each joins, then registers a device, then may act', () => {
    const emulator = emulatorAt(TEST_NOW + 60 * DAY);
    const before = testEmulator().dataset.userCount;
    expect(emulator.dataset.userCount).toBeGreaterThan(before);
    const firstSeen = new Map<string, string>();
    emulator.dataset.forEachEvent(
      (event) => {
        const id = event.objects.user?.s_authy_id as string | undefined;
        if (id && !firstSeen.has(id)) firstSeen.set(id, event.event);
      },
      { from: TEST_NOW + 1, to: TEST_NOW + 50 * DAY },
    );
    const joined = [...firstSeen].filter(([, first]) => first === 'user_added').map(([id]) => id);
    expect(joined.length).toBeGreaterThan(0);
    let registered = 0;
    emulator.dataset.forEachEvent(
      (event) => {
        if (event.event === 'device_registration_completed' && joined.includes(String(event.objects.user.s_authy_id)))
          registered++;
      },
      { from: TEST_NOW + 1 },
    );
    expect(registered).toBe(joined.length);
  });

  it('the ground truth is what has happened by now, and eventsIn hands it out one event at a time', () => {
    const clock = manualClock();
    const emulator = testEmulator({ clock: clock.now });
    expect(emulator.dataset.countBetween(TEST_NOW + 1, Infinity)).toBe(0);
    clock.set(TEST_NOW + 3 * DAY);
    const ahead = emulator.dataset.size - EVENTS;
    expect(ahead).toBeGreaterThan(0);
    expect(emulator.dataset.countBetween(TEST_NOW + 1, Infinity)).toBe(ahead);
    expect(emulator.dataset.timeOf(emulator.dataset.size - 1)).toBeLessThanOrEqual(TEST_NOW + 3 * DAY);

    const range = { from: TEST_NOW - 30 * DAY, to: TEST_NOW + DAY };
    const visited: unknown[] = [];
    emulator.dataset.forEachEvent((event) => visited.push(event), range);
    const iterator = emulator.dataset.eventsIn(range);
    expect(iterator.next().value).toEqual(visited[0]);
    expect([iterator.next().value, ...iterator]).toEqual(visited.slice(1));
  });
});

describe('late arrivals', () => {
  const LATE = { late: 0.3, lateMinutes: 5 };
  const later = emulatorAt(TEST_NOW + DAY, { faults: LATE });

  it('are a fixed share of events, chosen per event, arriving lateMinutes after their time', () => {
    const delays = Array.from({ length: 10_000 }, (_, i) => later.dataset.arrivalOf(i) - later.dataset.timeOf(i));
    expect(new Set(delays)).toEqual(new Set([0, 5 * MINUTE]));
    const share = delays.filter((delay) => delay > 0).length / delays.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
    // A smaller share picks a subset of the same events.
    const fewer = testEmulator({ faults: { late: 0.1 } });
    const lateAtTenth = delays.map((_, i) => fewer.dataset.arrivalOf(i) > fewer.dataset.timeOf(i));
    expect(lateAtTenth.filter(Boolean).length).toBeGreaterThan(800);
    expect(lateAtTenth.filter((late, i) => late && delays[i] === 0)).toEqual([]);
  });

  it('stay hidden from every endpoint until lateMinutes after their time, then all show them', async () => {
    let i = EVENTS;
    while (later.dataset.arrivalOf(i) === later.dataset.timeOf(i)) i++;
    const late = later.dataset.event(i);
    const at = later.dataset.timeOf(i);
    const window: [number, number] = [at - 10 * MINUTE, at + 10 * MINUTE];

    const clock = manualClock();
    const emulator = testEmulator({ clock: clock.now, faults: LATE });
    for (const now of [at, at + 5 * MINUTE - 1]) {
      clock.set(now);
      const seen = await expectShown(emulator, ...window, truth(later, ...window, now), 'minute');
      expect(seen.ids).not.toContain(late.request_id);
    }
    clock.set(at + 5 * MINUTE);
    const seen = await expectShown(emulator, ...window, truth(later, ...window, at + 5 * MINUTE), 'minute');
    expect(seen.ids).toContain(late.request_id);
  });

  it('all three endpoints agree at every moment while events are in flight', async () => {
    const clock = manualClock();
    const emulator = testEmulator({ clock: clock.now, faults: { late: 0.5, lateMinutes: 180 } });
    let hidden = 0;
    for (const now of [TEST_NOW, TEST_NOW + 7 * MINUTE, TEST_NOW + 2 * HOUR, TEST_NOW + 9 * HOUR, TEST_NOW + DAY]) {
      clock.set(now);
      const window: [number, number] = [now - 6 * HOUR, now + 1];
      const expected = truth(emulator, ...window, now);
      hidden += truth(emulatorAt(now), ...window, now).length - expected.length;
      await expectShown(emulator, ...window, expected, 'hour');
    }
    expect(hidden).toBeGreaterThan(5);
  });

  it('are set by EMULATOR_FAULTS and POST /__emulator/faults', async () => {
    expect(faultsSchema.parse('late:0.05,lateMinutes:7')).toMatchObject({ late: 0.05, lateMinutes: 7 });
    expect(faultsSchema.parse('500:0.1')).toMatchObject({ late: 0, lateMinutes: 5 });
    for (const bad of ['late:2', 'lateMinutes:0', 'lateMinutes:2.5', 'lateMinutes:9999', 'early:0.1'])
      expect(() => faultsSchema.parse(bad), bad).toThrow();

    const clock = manualClock();
    const emulator = testEmulator({ clock: clock.now });
    const window: [number, number] = [TEST_NOW - HOUR, TEST_NOW + 1];
    const everything = truth(emulator, ...window, TEST_NOW);
    await expectShown(emulator, ...window, everything, 'hour');
    const res = await call(emulator, '/__emulator/faults', {
      method: 'POST',
      body: JSON.stringify({ late: 1, lateMinutes: 60 }),
      key: null,
    });
    expect(res.json()).toMatchObject({ late: 1, lateMinutes: 60 });
    await expectShown(emulator, ...window, [], 'hour');
    clock.set(TEST_NOW + HOUR);
    expect(truth(emulator, ...window, TEST_NOW + HOUR)).toEqual(everything);
    await expectShown(emulator, ...window, everything, 'hour');
  });
});
