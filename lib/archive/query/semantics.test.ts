/**
 * The careful spots of the API's semantics, on events written by hand for them (values the
 * emulator never generates): code-unit order where a locale would sort otherwise, ties at one
 * millisecond, LIKE's own special characters, values of the wrong type, non-canonical times,
 * arrays with repeats, bucket alignment, report order, and the hourly counts after deletes.
 * Runs on every store backend, and on a Postgres database whose default collation is ICU's
 * en-US (where 'a' < 'B'), which only the explicit "C" collation can get right.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition } from '../../authy/bracket-codec';
import type { AuthyEvent } from '../../authy/responses';
import type { HistogramQuery } from '../../authy/schemas';
import type { IntervalParam } from '../../authy/interval';
import { openStore, type Store } from '../../db/connect';
import { backends, type Backend } from '@/test/support/stores';
import { ArchiveEventStore } from '../event-store';
import { ArchiveQueries } from './index';

const postgresUrl = process.env.TEST_DATABASE_URL;

/** Postgres with an ICU en-US default collation: text sorts 'a' < 'A' < 'B' unless told otherwise. */
const icuPostgres: Backend[] = postgresUrl
  ? [
      {
        name: 'postgres',
        async open() {
          const name = `t_icu_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
          const admin = new pg.Client({ connectionString: postgresUrl });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`);
          await admin.end();
          const url = new URL(postgresUrl);
          url.pathname = `/${name}`;
          const store = await openStore({ dataDir: '.', databaseUrl: url.toString() });
          return { store, close: () => store.db.destroy() };
        },
      },
    ]
  : [];

const APP = 'app_semantics';
const T = Date.parse('2020-03-02T10:00:00.000Z'); // a Monday
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Objects = AuthyEvent['objects'];
const at = (ms: number, requestId: string, event: string, objects: Objects = {}): AuthyEvent => ({
  event,
  time: iso(ms),
  request_id: requestId,
  objects,
});

const EVENTS: AuthyEvent[] = [
  // One millisecond, three requests whose ids sort differently by code unit and by locale.
  at(T + 1000, 'a', 'token_verified', {
    user: { s_authy_id: '1', s_country_code: 'a', as_authy_ids: ['1', '2', '2'] },
  }),
  at(T + 1000, 'B', 'token_verified', { user: { s_authy_id: '2', s_country_code: 'B', as_authy_ids: ['3'] } }),
  at(T + 1000, 'A', 'token_verified', { user: { s_authy_id: '3', s_country_code: 'A', as_authy_ids: [] } }),
  // One request, two events at one instant.
  at(T + 2000, 'r1', 'user_added', { user: { s_authy_id: '1', b_banned: true, as_authy_ids: '1' } }),
  at(T + 2000, 'r1', 'device_registration_completed', {
    user: { s_authy_id: '1', b_banned: false, as_authy_ids: [1] },
    device: { s_device_type: 'iphone', t_sync_date: '2020-01-01T00:00:00.000Z', s_device_app: null },
  }),
  at(T + 3000, 'r2', 'device_registration_completed', {
    user: { b_banned: 'true' },
    device: { s_device_type: 'android', t_sync_date: '2020-01-01T00:00:00.001Z' },
  }),
  at(T + 4000, 'r3', 'device_registration_completed', {
    user: { b_banned: null },
    device: { s_device_type: 'android', t_sync_date: '2020-01-01T00:00:00Z' },
  }),
  at(T + 5000, 'r4', 'one_touch_request_responded', {
    app: { s_name: '100%_sure\\x' },
    onetouch_request: { i_seconds_to_expire: 86400, s_status: 'approved' },
  }),
  at(T + 6000, 'r5', 'one_touch_request_responded', {
    app: { s_name: 'plain' },
    onetouch_request: { i_seconds_to_expire: -5, s_status: 'denied' },
  }),
  at(T + 7000, 'r6', 'one_touch_request_responded', {
    app: { s_name: 'x_y' },
    onetouch_request: { i_seconds_to_expire: 7, s_status: 86400 },
  }),
  // Spread over hours, days and weeks for the histogram.
  at(T + 90 * MIN, 'h1', 'token_invalid'),
  at(T + 5 * HOUR + 59 * MIN, 'h2', 'token_invalid'),
  at(T + 6 * DAY + 13 * HOUR + 59 * MIN, 'h3', 'token_invalid'), // Sunday 23:59, still the first week
  at(T + 7 * DAY, 'h4', 'token_verified'), // the next Monday
  at(T + 40 * DAY, 'h5', 'token_verified'), // April (the next quarter)
];

describe.each([
  ...backends.map((b) => ({ ...b, label: b.name })),
  ...icuPostgres.map((b) => ({ ...b, label: 'postgres (ICU en-US default)' })),
])('archive query semantics on $label', (backend) => {
  let opened: { store: Store; close(): Promise<void> };
  let queries: ArchiveQueries;
  let store: ArchiveEventStore;

  beforeAll(async () => {
    opened = await backend.open();
    store = new ArchiveEventStore(async () => opened.store.db);
    await store.insert(APP, EVENTS);
    queries = new ArchiveQueries(async () => opened.store);
  });
  afterAll(() => opened.close());

  const within = (from: number, to: number): Condition[] => [
    { attribute: 'time', operator: 'gte', value: iso(from) },
    { attribute: 'time', operator: 'lt', value: iso(to) },
  ];
  const one = (attribute: string, operator: Condition['operator'], value: string): Condition[] => [
    { attribute, operator, value },
  ];
  /** Request ids (with event names at ties) of every matching event, newest first. */
  async function ids(query: Condition[]): Promise<string[]> {
    const { events } = await queries.events(APP, { query, page: 1, per_page: 100 });
    return events.map((e) => `${e.request_id}${e.request_id === 'r1' ? `:${e.event}` : ''}`);
  }

  it('orders ties at one millisecond by request_id, then event name, descending in code units', async () => {
    expect(await ids(within(T, T + 2001))).toEqual([
      'r1:user_added',
      'r1:device_registration_completed',
      'a',
      'B',
      'A',
    ]);
    const page2 = await queries.events(APP, { query: within(T, T + 2001), page: 2, per_page: 2 });
    expect(page2.events.map((e) => e.request_id)).toEqual(['a', 'B']);
  });

  it('compares strings in code-unit order and ranks equal terms by key that way', async () => {
    expect(await ids(one('objects.user.s_country_code', 'lt', 'a'))).toEqual(['B', 'A']);
    expect(await ids(one('user.country_code', 'gte', 'B'))).toEqual(['a', 'B']);
    expect(await ids(one('request_id', 'gt', 'B'))).toEqual([
      ...['h5', 'h4', 'h3', 'h2', 'h1', 'r6', 'r5', 'r4', 'r3', 'r2'],
      ...['r1:user_added', 'r1:device_registration_completed', 'a'],
    ]);
    const { terms } = await queries.terms(APP, { field: 'objects.user.s_country_code', size: 10, scope: [] });
    expect(terms).toEqual([
      { key: 'A', count: 1 },
      { key: 'B', count: 1 },
      { key: 'a', count: 1 },
    ]);
  });

  it('lk: case-insensitive, * over the whole value, % _ and \\ literal', async () => {
    const names = async (pattern: string) => ids(one('objects.app.s_name', 'lk', pattern));
    expect(await names('%')).toEqual(['r4']);
    expect(await names('_')).toEqual(['r6', 'r4']);
    expect(await names('\\')).toEqual(['r4']);
    expect(await names('SURE')).toEqual(['r4']);
    expect(await names('1*X')).toEqual(['r4']);
    expect(await names('1*')).toEqual(['r4']);
    expect(await names('*sure')).toEqual([]);
    expect(await names('p_ain')).toEqual([]);
    expect(await names('*')).toEqual(['r6', 'r5', 'r4']);
    expect(await ids(one('objects.device.s_device_app', 'lk', '*'))).toEqual([]);
  });

  it('integers and booleans compare as numbers and false < true; other JSON types never match', async () => {
    const seconds = (op: Condition['operator'], v: string) =>
      ids(one('objects.onetouch_request.i_seconds_to_expire', op, v));
    expect(await seconds('gt', '7')).toEqual(['r4']);
    expect(await seconds('lt', '0')).toEqual(['r5']);
    expect(await seconds('eq', '007')).toEqual(['r6']);
    expect(await seconds('lk', '640')).toEqual(['r4']);
    // A number where a string belongs is not the string.
    expect(await ids(one('objects.onetouch_request.s_status', 'eq', '86400'))).toEqual([]);
    const banned = (op: Condition['operator'], v: string) => ids(one('objects.user.b_banned', op, v));
    expect(await banned('gt', 'false')).toEqual(['r1:user_added']);
    expect(await banned('lte', 'false')).toEqual(['r1:device_registration_completed']);
    expect(await banned('lk', 'TRU')).toEqual(['r1:user_added']);
    const { terms } = await queries.terms(APP, { field: 'objects.user.b_banned', size: 10, scope: [] });
    expect(terms).toEqual([
      { key: 'false', count: 1 },
      { key: 'true', count: 1 },
    ]);
    const seconds_ = await queries.terms(APP, {
      field: 'objects.onetouch_request.i_seconds_to_expire',
      size: 10,
      scope: [],
    });
    expect(seconds_.terms.map((t) => t.key)).toEqual(['-5', '7', '86400']);
  });

  it('t_ times compare as instants in the API form; other forms never match', async () => {
    const sync = (op: Condition['operator'], v: string) => ids(one('objects.device.t_sync_date', op, v));
    expect(await sync('eq', '2020-01-01T00:00:00.000Z')).toEqual(['r1:device_registration_completed']);
    expect(await sync('eq', '2020-01-01T01:00:00+01:00')).toEqual(['r1:device_registration_completed']);
    expect(await sync('gt', '2020-01-01T00:00:00.000Z')).toEqual(['r2']);
    expect(await sync('lte', '2020-01-01T00:00:00.001Z')).toEqual(['r2', 'r1:device_registration_completed']);
    expect(await sync('lt', '9999-12-31T23:00:00-05:00')).toEqual(['r2', 'r1:device_registration_completed']);
    expect(await sync('lk', '2020-01-01')).toEqual(['r2', 'r1:device_registration_completed']);
    const { terms } = await queries.terms(APP, { field: 'device.sync_date', size: 10, scope: [] });
    expect(terms.map((t) => t.key)).toEqual(['2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.001Z']);
    expect(await ids(one('time', 'lk', '10:00:01'))).toEqual(['a', 'B', 'A']);
    const times = await queries.terms(APP, { field: 'time', size: 2, scope: within(T, T + 2001) });
    expect(times.terms).toEqual([
      { key: iso(T + 1000), count: 3 },
      { key: iso(T + 2000), count: 2 },
    ]);
  });

  it('as_ arrays: some element satisfies; terms count each element, repeats included', async () => {
    expect(await ids(one('objects.user.as_authy_ids', 'eq', '2'))).toEqual(['a']);
    expect(await ids(one('user.authy_ids', 'gt', '1'))).toEqual(['a', 'B']);
    expect(await ids(one('objects.user.as_authy_ids', 'lk', '*'))).toEqual(['a', 'B']);
    const { terms } = await queries.terms(APP, { field: 'objects.user.as_authy_ids', size: 10, scope: [] });
    expect(terms).toEqual([
      { key: '2', count: 2 },
      { key: '1', count: 1 },
      { key: '3', count: 1 },
    ]);
  });

  it('aliases resolve through the shared rule; paths that name nothing match nothing', async () => {
    expect(await ids(one('user.authy_id', 'eq', '1'))).toEqual([
      'r1:user_added',
      'r1:device_registration_completed',
      'a',
    ]);
    expect(await ids(one('user.s_authy_id', 'eq', '1'))).toEqual([]);
    expect(await ids(one('objects.user', 'gt', ''))).toEqual([]);
    expect(await ids(one('objects.nothing.s_here', 'lk', '*'))).toEqual([]);
    expect((await queries.terms(APP, { field: 'objects.user', size: 10, scope: [] })).terms).toEqual([]);
  });

  it('histogram: epoch-aligned lengths, Monday weeks, calendar quarters, shared buckets, reports by name', async () => {
    const histogram = (interval: IntervalParam, extra: Partial<HistogramQuery> = {}) =>
      queries.histogram(APP, {
        reports: [
          { name: 'a', conditions: one('event', 'eq', 'token_invalid') },
          { name: 'B', conditions: one('event', 'eq', 'token_verified') },
          { name: '10', conditions: one('event', 'eq', 'user_added') },
          // A time condition in mid-hour: that hour is counted from the events.
          {
            name: '2',
            conditions: [...one('event', 'eq', 'token_invalid'), ...one('time', 'gte', iso(T + 100 * MIN))],
          },
        ],
        scope: one('event', 'lk', 'token'),
        interval,
        page: 1,
        per_page: 100,
        ...extra,
      });
    const starts = (h: Awaited<ReturnType<typeof histogram>>) => h.reports.a.map((b) => b.time);

    const week = await histogram('week');
    expect(Object.keys(week.reports)).toEqual(['2', '10', 'B', 'a']);
    expect(starts(week)).toEqual(['2020-03-02T00:00:00.000Z', '2020-03-09T00:00:00.000Z', '2020-04-06T00:00:00.000Z']);
    expect(week.reports.a.map((b) => b.count)).toEqual([3, 0, 0]);
    expect(week.reports.B.map((b) => b.count)).toEqual([3, 1, 1]);
    expect(week.reports['2'].map((b) => b.count)).toEqual([2, 0, 0]);
    expect(week.reports['10'].map((b) => b.count)).toEqual([0, 0, 0]);

    // 1.5 h buckets start on multiples of 90 minutes since the epoch: 09:00, 10:30, 15:00.
    const ninety = await histogram('1.5h', { per_page: 3 });
    expect(starts(ninety)).toEqual([
      '2020-03-02T09:00:00.000Z',
      '2020-03-02T10:30:00.000Z',
      '2020-03-02T15:00:00.000Z',
    ]);
    expect(ninety.reports.a.map((b) => b.count)).toEqual([0, 1, 1]);
    expect(ninety.reports.B.map((b) => b.count)).toEqual([3, 0, 0]);

    const quarter = await histogram('quarter', { page: 2, per_page: 1 });
    expect(starts(quarter)).toEqual(['2020-04-01T00:00:00.000Z']);
    expect(quarter.reports.B).toEqual([
      { timestamp: Date.parse('2020-04-01T00:00:00.000Z'), time: '2020-04-01T00:00:00.000Z', count: 1 },
    ]);
    expect((await histogram('quarter', { page: 3, per_page: 1 })).reports.B).toEqual([]);

    // Counting from events (a condition the hourly counts cannot answer) gives the same.
    const everything = [...one('event', 'lk', 'token'), ...one('request_id', 'gte', '')];
    expect(await histogram('week', { scope: everything })).toEqual(week);
    expect(await histogram('1.5h', { scope: everything, per_page: 3 })).toEqual(ninety);
  });

  it('counts per day, hour and value follow every insert, delete and update of the events', async () => {
    const counts = async (table: 'archive_events_daily' | 'archive_events_hourly') =>
      (
        await opened.store.db
          .selectFrom(table)
          .select(['start_ms', 'event', 'events'])
          .where('app_id', '=', APP)
          .orderBy('start_ms')
          .orderBy('event')
          .execute()
      ).map((r) => `${iso(r.start_ms)} ${r.event} ${r.events}`);
    const fromEvents = async (ms: number) =>
      (
        await opened.store.db
          .selectFrom('archive_events')
          .select((eb) => [
            eb(eb.ref('time_ms'), '-', eb(eb.ref('time_ms'), '%', ms)).as('start'),
            'event',
            eb.fn.countAll<number>().as('n'),
          ])
          .where('app_id', '=', APP)
          .groupBy(['start', 'event'])
          .orderBy('start')
          .orderBy('event')
          .execute()
      ).map((r) => `${iso(Number(r.start))} ${r.event} ${Number(r.n)}`);
    const values = async () =>
      (
        await opened.store.db
          .selectFrom('archive_events_daily_values')
          .select(['field', 'start_ms', 'value', 'event', 'events'])
          .where('app_id', '=', APP)
          .orderBy('field')
          .orderBy('start_ms')
          .orderBy('value')
          .orderBy('event')
          .execute()
      ).map((r) => `${r.field} ${iso(r.start_ms)} ${r.value} ${r.event} ${r.events}`);
    const valuesFromEvents = async () => {
      const lines: string[] = [];
      for (const field of ['country_code', 'device_type'] as const) {
        const rows = await opened.store.db
          .selectFrom('archive_events')
          .select((eb) => [
            eb(eb.ref('time_ms'), '-', eb(eb.ref('time_ms'), '%', DAY)).as('start'),
            eb.ref(field).as('value'),
            'event',
            eb.fn.countAll<number>().as('n'),
          ])
          .where('app_id', '=', APP)
          .where(field, 'is not', null)
          .groupBy(['start', field, 'event'])
          .orderBy('start')
          .orderBy(field)
          .orderBy('event')
          .execute();
        lines.push(...rows.map((r) => `${field} ${iso(Number(r.start))} ${r.value} ${r.event} ${Number(r.n)}`));
      }
      return lines;
    };
    const agree = async () => {
      expect(await counts('archive_events_hourly')).toEqual(await fromEvents(HOUR));
      expect(await counts('archive_events_daily')).toEqual(await fromEvents(DAY));
      expect(await values()).toEqual(await valuesFromEvents());
    };

    await agree();
    expect(await store.deleteBetween(APP, T + 1000, T + 1001)).toBe(3);
    await agree();
    expect(await store.insert(APP, EVENTS)).toBe(3);
    await opened.store.db
      .updateTable('archive_events')
      .set({ time_ms: T + DAY + 3 * HOUR, event: 'token_invalid' })
      .where('app_id', '=', APP)
      .where('request_id', '=', 'h1')
      .execute();
    await opened.store.db
      .updateTable('archive_events')
      .set({ device_type: 'ipad', country_code: null })
      .where('app_id', '=', APP)
      .where('request_id', '=', 'r2')
      .execute();
    await agree();
    expect(await counts('archive_events_hourly')).toContain(`${iso(T + DAY + 3 * HOUR)} token_invalid 1`);
    expect((await counts('archive_events_hourly')).some((line) => line.startsWith(iso(T + HOUR)))).toBe(false);
  });

  it('distinct users by range and event names', async () => {
    expect(await queries.distinctUsers(APP, T, T + DAY)).toBe(3);
    expect(await queries.distinctUsers(APP, T + 2000, T + DAY)).toBe(1);
    expect(await queries.distinctUsers(APP, T, T + DAY, ['user_added'])).toBe(1);
    expect(await queries.distinctUsers(APP, T, T + DAY, [])).toBe(0);
    expect(await queries.distinctUsers('another_app', T, T + DAY)).toBe(0);
  });
});
