import { describe, expect, it } from 'vitest';
import type { AuthyEvent } from '../authy/responses';
import { ALL_EVENT_NAMES, EVENT_OBJECTS, OBJECT_FIELDS, type EventName, type ObjectName } from '../authy/vocabulary';
import { createEmulator, emulatorOptionsFromSettings } from './index';
import { emulatorSettingsSchema } from './settings';
import { TEST_NOW, testEmulator } from '@/test/support/emulator';

const DAY = 86_400_000;
const emulator = testEmulator({ events: 30_000, seed: 5 });
const events: AuthyEvent[] = [];
emulator.dataset.forEachEvent((e) => events.push(e));
const byName = (name: EventName) => events.filter((e) => e.event === name);

function fingerprint(seed: number, options: { events?: number; users?: number } = {}): string {
  const e = testEmulator({ seed, events: options.events ?? 3_000, users: options.users });
  const parts: string[] = [];
  for (let i = 0; i < e.dataset.size; i += 97) parts.push(JSON.stringify(e.dataset.event(i)));
  return parts.join('\n');
}

describe('determinism', () => {
  it('the same seed gives the same data', () => {
    expect(fingerprint(1)).toBe(fingerprint(1));
  });

  it('a different seed gives different data', () => {
    expect(fingerprint(1)).not.toBe(fingerprint(2));
  });

  it('data ends at now (EMULATOR_NOW) and spans about two years', () => {
    expect(emulator.dataset.end).toBe(TEST_NOW);
    expect(emulator.dataset.timeOf(emulator.dataset.size - 1)).toBeLessThanOrEqual(TEST_NOW);
    expect(emulator.dataset.timeOf(emulator.dataset.size - 1)).toBeGreaterThan(TEST_NOW - DAY);
    expect(emulator.dataset.timeOf(0)).toBeLessThan(TEST_NOW - 700 * DAY);
  });

  it('options come from the EMULATOR_* settings', () => {
    const settings = emulatorSettingsSchema.parse({
      EMULATOR_SEED: '9',
      EMULATOR_EVENTS: '1234',
      EMULATOR_USERS: '77',
      EMULATOR_NOW: '2020-01-01T00:00:00Z',
    });
    const options = emulatorOptionsFromSettings(settings);
    expect(options).toMatchObject({ seed: 9, events: 1234, users: 77, now: Date.parse('2020-01-01T00:00:00Z') });
    const e = createEmulator(options);
    expect(e.dataset.size).toBe(1234);
    expect(e.dataset.userCount).toBe(77);
  });
});

describe('every event looks like the reference', () => {
  it('carries exactly the objects of its kind, each with its documented fields and types', () => {
    // Collected and compared once: an expect per field would take most of the suite's time.
    const problems = new Set<string>();
    const typeOk = (field: string, value: unknown): boolean => {
      if (value === null) return field.startsWith('s_');
      if (field.startsWith('i_')) return Number.isInteger(value);
      if (field.startsWith('b_')) return typeof value === 'boolean';
      if (field.startsWith('t_')) return typeof value === 'string' && new Date(value).toISOString() === value;
      if (field.startsWith('as_')) return Array.isArray(value) && value.every((v) => typeof v === 'string');
      return typeof value === 'string';
    };
    for (const e of events) {
      const expected = [...EVENT_OBJECTS[e.event as EventName]].sort().join();
      if (Object.keys(e.objects).sort().join() !== expected) problems.add(`${e.event}: objects`);
      for (const [object, fields] of Object.entries(e.objects)) {
        if (Object.keys(fields).join() !== OBJECT_FIELDS[object as ObjectName].join())
          problems.add(`${object}: fields`);
        for (const [field, value] of Object.entries(fields)) {
          if (!typeOk(field, value)) problems.add(`${object}.${field}: ${JSON.stringify(value)}`);
        }
      }
    }
    expect([...problems]).toEqual([]);
  });

  it('has unique request ids and ISO times, oldest first', () => {
    expect(new Set(events.map((e) => e.request_id)).size).toBe(events.length);
    const outOfOrder = events.filter((e, i) => i > 0 && e.time < events[i - 1].time);
    expect(outOfOrder).toEqual([]);
  });

  it('uses the reference app, hashed phone numbers, IPv4_ addresses, as_authy_ids = [s_authy_id]', () => {
    const sample = byName('one_touch_request_responded').slice(0, 200);
    for (const e of sample) {
      expect(e.objects.app).toMatchObject({
        s_name: 'Demo Authy App',
        s_id: '12345',
        s_account_sid: 'ACxxxxxxxxxxxxxxxxx',
      });
      expect(e.objects.user.s_phone_number).toMatch(/^[0-9a-f]{40}$/);
      expect(e.objects.device.s_ip).toMatch(/^IPv4_[0-9a-f]{21}$/);
      expect(e.objects.user.as_authy_ids).toEqual([e.objects.user.s_authy_id]);
      expect(Date.parse(String(e.objects.device.t_creation_date))).toBeLessThanOrEqual(Date.parse(e.time));
    }
  });

  it('uses every event kind', () => {
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(ALL_EVENT_NAMES));
  });
});

describe('realistic traffic', () => {
  it('invalid tokens are 5-10% of token checks; pushes ~85% approved', () => {
    const invalid = byName('token_invalid').length;
    const share = invalid / (invalid + byName('token_verified').length);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.1);
    const pushes = byName('one_touch_request_responded');
    const approved = pushes.filter((e) => e.objects.onetouch_request.s_status === 'approved').length / pushes.length;
    expect(approved).toBeGreaterThan(0.8);
    expect(approved).toBeLessThan(0.9);
    const statuses = new Set(pushes.map((e) => e.objects.onetouch_request.s_status));
    expect(statuses).toEqual(new Set(['approved', 'denied', 'expired']));
  });

  it('country 1 leads, with a realistic skew', () => {
    const counts = new Map<string, number>();
    for (const e of events) {
      const code = e.objects.user?.s_country_code;
      if (typeof code === 'string') counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(ranked[0][0]).toBe('1');
    expect(ranked.length).toBeGreaterThan(8);
  });

  it('traffic grows over time and has an incident day of invalid tokens from one country', () => {
    const year1 = emulator.dataset.countBetween(emulator.dataset.start, emulator.dataset.start + 365 * DAY);
    const year2 = emulator.dataset.countBetween(emulator.dataset.start + 365 * DAY, emulator.dataset.end + 1);
    expect(year2).toBeGreaterThan(year1 * 1.5);

    const perDay = new Map<string, Map<string, number>>();
    for (const e of byName('token_invalid')) {
      const day = e.time.slice(0, 10);
      const countries = perDay.get(day) ?? new Map<string, number>();
      const code = String(e.objects.user.s_country_code);
      countries.set(code, (countries.get(code) ?? 0) + 1);
      perDay.set(day, countries);
    }
    const totals = [...perDay.values()].map((c) => [...c.values()].reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
    const median = totals[Math.floor(totals.length / 2)];
    const [spikeDay] = [...perDay].sort((a, b) => Math.max(...b[1].values()) - Math.max(...a[1].values()));
    const top = Math.max(...spikeDay[1].values());
    expect(top).toBeGreaterThan(10 * median);
  });

  it('some users are removed, and none acts after removal', () => {
    const removed = new Map(byName('user_account_deleted').map((e) => [e.objects.user.s_authy_id, e.time]));
    expect(removed.size).toBeGreaterThan(0);
    for (const e of events) {
      const at = removed.get(e.objects.user?.s_authy_id as string);
      if (at) expect(e.time <= at).toBe(true);
    }
  });
});

describe('sizes and ground truth', () => {
  it('makes exactly the requested number of events, with users and events independent', () => {
    for (const [n, users] of [
      [0, undefined],
      [7, 3],
      [5_000, 60],
      [5_000, 4_000],
    ] as const) {
      const e = testEmulator({ events: n, users });
      expect(e.dataset.size).toBe(n);
      if (users) expect(e.dataset.userCount).toBe(users);
    }
  });

  it.each([
    [60, 40_000, 45, 60],
    [120, 40_000, 95, 120],
    [6_000, 150_000, 2_500, 6_000],
  ])('users %i, events %i: the last full month has %i-%i active users', (users, n, low, high) => {
    const e = createEmulator({
      seed: 1,
      events: n,
      users,
      now: TEST_NOW,
      apiKey: 'k',
      ratePerMinute: 1,
      ratePerHour: 1,
    });
    const active = e.dataset.distinctUsersInMonth('2019-12');
    expect(active).toBeGreaterThanOrEqual(low);
    expect(active).toBeLessThanOrEqual(high);
  });

  it('distinctUsersInMonth agrees with the rendered events', () => {
    const seen = new Set<string>();
    emulator.dataset.forEachEvent(
      (e) => {
        if (e.objects.user) seen.add(String(e.objects.user.s_authy_id));
      },
      { from: Date.UTC(2019, 10, 1), to: Date.UTC(2019, 11, 1) },
    );
    expect(emulator.dataset.distinctUsersInMonth('2019-11')).toBe(seen.size);
    expect(seen.size).toBeGreaterThan(50);
    const months = emulator.dataset.monthlyActiveUsers();
    expect(months.find((m) => m.month === '2019-11')?.users).toBe(seen.size);
    expect(months[0].month).toBe('2018-01');
  });
});
