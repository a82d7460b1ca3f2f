/**
 * Rollups answer what they hold exactly, and say no to the rest. The real sync's rollup step
 * reads an emulator's two weeks into the rollup tables; the same events are archived whole
 * under another application id. Every query the rollups hold must get the answer the local
 * engine gives over the events and the answer the emulator gives (it keeps everything), on the
 * embedded store and on Postgres; queries they cannot answer exactly must not be held.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Report } from '../../authy/bracket-codec';
import { eventIs } from '../../authy/conditions';
import { encodeUpstreamQuery } from '../../authy/encode';
import type { IntervalParam } from '../../authy/interval';
import type { AuthyEvent, HistogramResponse, TermsResponse } from '../../authy/responses';
import type { HistogramQuery, TermsQuery, UpstreamQuery } from '../../authy/schemas';
import { ALL_EVENT_NAMES, type Operator } from '../../authy/vocabulary';
import type { Store } from '../../db/connect';
import { windowOf } from '../answers';
import { ArchiveEventStore } from '../event-store';
import { DAY, HOUR } from '../sync/intervals';
import { RollupStore } from '../sync/rollup-store';
import { rollupStep } from '../sync/rollups';
import { ManualClock } from '@/test/support/fakes';
import { DATA_END, EMULATOR_KEY, harness, testEmulator } from '@/test/support/archive-sync/harness';
import { backends } from '@/test/support/stores';
import { ArchiveQueries } from './index';
import { rollupAnswer, rollupHolds, type RollupSource } from './rollups';

const emulator = testEmulator({ events: 40_000 });
/** Fifteen days across a month's end: months, weeks and epoch-aligned lengths all split in them. */
const FROM = Date.parse('2019-12-28T00:00:00.000Z');
const TO = Date.parse('2020-01-12T00:00:00.000Z');
const APP_ROLLUPS = 'app_rollups';
const APP_EVENTS = 'app_events';

const iso = (ms: number) => new Date(ms).toISOString();
const between = (from: number, to: number): Condition[] => [
  { attribute: 'time', operator: 'gte', value: iso(from) },
  { attribute: 'time', operator: 'lt', value: iso(to) },
];

/** Every event of the data (a report needs a condition to be written in a URL): the sync's catch-all. */
const ALL: Report = { name: 'all', conditions: [{ attribute: 'time', operator: 'gte', value: iso(FROM - DAY) }] };

type Histogram = Extract<UpstreamQuery, { endpoint: 'date_histogram' }>;
type Terms = Extract<UpstreamQuery, { endpoint: 'terms' }>;

function histogramQuery(q: Partial<HistogramQuery> & Pick<HistogramQuery, 'reports'>): Histogram {
  return {
    endpoint: 'date_histogram',
    params: { scope: between(FROM, TO), interval: 'day', page: 1, per_page: 100, ...q },
  };
}
function termsQuery(q: Partial<TermsQuery>): Terms {
  return {
    endpoint: 'terms',
    params: { field: 'objects.user.s_country_code', size: 10, scope: between(FROM, TO), ...q },
  };
}

/** The window the caller passes: the query's time conditions intersected (the emulator keeps everything). */
function windowFor(query: UpstreamQuery) {
  const window = windowOf(query, DATA_END, null);
  if (!window) throw new Error('a test query with a time value that does not parse');
  return window;
}

async function fromEmulator(query: UpstreamQuery): Promise<unknown> {
  const params = encodeUpstreamQuery(query);
  const response = await emulator.handle(
    new Request(`http://emulator.test/protected/json/reporting/${query.endpoint}?${params}`, {
      headers: { 'X-Authy-API-Key': EMULATOR_KEY },
    }),
  );
  const text = await response.text();
  if (response.status !== 200) throw new Error(`emulator answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

const WHOLE_HOUR_INTERVALS: IntervalParam[] = [
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  '1h',
  '2h',
  '6h',
  '120m',
  '2d',
  '1w',
];

describe.each(backends)('answers from rollups on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let rollups: RollupSource;
  let queries: ArchiveQueries;

  beforeAll(async () => {
    ({ store, close } = await backend.open());
    const h = harness({
      db: async () => store.db,
      fetch: (r) => emulator.handle(r),
      clock: new ManualClock(DATA_END),
      appId: APP_ROLLUPS,
    });
    for (let t = FROM; t < TO; t += 100 * HOUR) {
      await rollupStep(h.ctx, { kind: 'hourly', span: { from: t, to: Math.min(TO, t + 100 * HOUR) } });
    }
    for (let day = FROM; day < TO; day += DAY) {
      await rollupStep(h.ctx, { kind: 'country', span: { from: day, to: day + DAY } });
      await rollupStep(h.ctx, { kind: 'device_type', span: { from: day, to: day + DAY } });
    }
    rollups = h.ctx.rollups;
    const events: AuthyEvent[] = [];
    emulator.dataset.forEachEvent((event) => events.push(event), { from: FROM, to: TO });
    await new ArchiveEventStore(async () => store.db).insert(APP_EVENTS, events);
    queries = new ArchiveQueries(async () => store);
  }, 120_000);
  afterAll(() => close());

  /** The rollups hold the query, and answer as the local engine over the events and the emulator do. */
  async function expectSameHistogram(query: Histogram): Promise<HistogramResponse> {
    const window = windowFor(query);
    expect(await rollupHolds(rollups, query, window)).toBe(true);
    const answer = await rollupAnswer(rollups, query, window);
    const local = await queries.histogram(APP_EVENTS, query.params);
    expect(answer).toEqual(local);
    expect(answer).toEqual(await fromEmulator(query));
    // Key order is the API's report order: by name in code-unit order.
    expect(Object.keys(answer.reports)).toEqual(Object.keys(local.reports));
    return answer;
  }

  async function expectSameTerms(query: Terms): Promise<TermsResponse> {
    const window = windowFor(query);
    expect(await rollupHolds(rollups, query, window)).toBe(true);
    const answer = await rollupAnswer(rollups, query, window);
    expect(answer).toEqual(await queries.terms(APP_EVENTS, query.params));
    expect(answer).toEqual(await fromEmulator(query));
    return answer;
  }

  it('hourly buckets leave out the hours where the scope matched nothing and keep zero counts of the others', async () => {
    const answer = await expectSameHistogram(
      histogramQuery({
        reports: [
          { name: 'verified', conditions: [eventIs('token_verified')] },
          { name: 'invalid', conditions: [eventIs('token_invalid')] },
        ],
        scope: between(FROM + 5 * HOUR, FROM + 3 * DAY + 7 * HOUR),
        interval: 'hour',
      }),
    );
    const hours = answer.reports.verified;
    expect(hours.length).toBeGreaterThan(10);
    expect(hours.length).toBeLessThan(3 * 24 + 2);
    expect(hours.some((b) => b.count === 0)).toBe(true);
    expect(hours.some((b) => b.count > 0)).toBe(true);
  });

  it('calendar buckets cut by the window (days, weeks, a month end), several reports in name order, a catch-all', async () => {
    const reports: Report[] = [
      { name: 'zeta', conditions: [eventIs('one_touch_request_responded')] },
      ALL,
      { name: 'Alpha', conditions: [{ attribute: 'event', operator: 'gte', value: 'phone_' }] },
      {
        name: 'beta',
        conditions: [
          { attribute: 'event', operator: 'gt', value: 'token_invalid' },
          { attribute: 'event', operator: 'lte', value: 'totp_token_sent' },
        ],
      },
    ];
    for (const interval of ['day', 'week', 'month', 'quarter', 'year'] as const) {
      const answer = await expectSameHistogram(
        histogramQuery({ reports, interval, scope: between(FROM + 13 * HOUR, TO - 2 * HOUR) }),
      );
      expect(Object.keys(answer.reports)).toEqual(['Alpha', 'all', 'beta', 'zeta']);
      expect(answer.reports.all.reduce((n, b) => n + b.count, 0)).toBe(
        emulator.dataset.countBetween(FROM + 13 * HOUR, TO - 2 * HOUR),
      );
    }
  });

  it('epoch-aligned lengths of whole hours, a scope on the event name, and pages of the bucket list', async () => {
    const scope: Condition[] = [...between(FROM, TO), { attribute: 'event', operator: 'lt', value: 'token_' }];
    const reports: Report[] = [
      { name: 'push', conditions: [eventIs('one_touch_request_responded')] },
      { name: 'sent', conditions: [eventIs('totp_token_sent')] },
    ];
    for (const interval of ['2h', '6h', '120m', '2d', '1w'] as const) {
      for (const [page, perPage] of [
        [1, 7],
        [2, 7],
        [3, 7],
        [1, 100],
        [40, 100],
      ]) {
        await expectSameHistogram(histogramQuery({ reports, scope, interval, page, per_page: perPage }));
      }
    }
  });

  it('report time conditions on whole hours, and a time boundary outside the window', async () => {
    await expectSameHistogram(
      histogramQuery({
        reports: [
          {
            name: 'later',
            conditions: [{ attribute: 'time', operator: 'gte', value: iso(FROM + 2 * DAY + 3 * HOUR) }],
          },
          { name: 'verified', conditions: [eventIs('token_verified')] },
        ],
        interval: 'day',
      }),
    );
    // `gt` a half hour before FROM changes its answer outside the window only.
    await expectSameHistogram(
      histogramQuery({
        reports: [ALL],
        scope: [...between(FROM, TO), { attribute: 'time', operator: 'gt', value: iso(FROM - HOUR / 2) }],
      }),
    );
  });

  it('terms of both fields, however the field is written, over complete days', async () => {
    const fields = [
      'objects.user.s_country_code',
      'user.country_code',
      'objects.user.country_code',
      'objects.device.s_device_type',
      'device.device_type',
    ];
    for (const field of fields) {
      for (const [size, from, to] of [
        [3, FROM, FROM + DAY],
        [10, FROM + DAY, TO - DAY],
        [100, FROM, TO],
      ]) {
        const answer = await expectSameTerms(termsQuery({ field, size, scope: between(from, to) }));
        expect(answer.terms.length).toBeGreaterThan(1);
      }
    }
  });

  it('random histograms and terms the rollups hold get the engine’s and the emulator’s answers', async () => {
    const hours = (TO - FROM) / HOUR;
    const nameArb = fc.oneof(
      fc.constantFrom('token_verified', 'token_invalid', 'one_touch_request_responded', 'totp_token_sent'),
      fc.constantFrom(...ALL_EVENT_NAMES).chain((name) => fc.nat(name.length).map((n) => name.slice(0, n))),
    );
    const eventConditionArb = fc.record({
      attribute: fc.constant('event'),
      operator: fc.constantFrom<Operator>('eq', 'lt', 'lte', 'gt', 'gte'),
      value: nameArb,
    });
    const conditionsArb = fc.uniqueArray(eventConditionArb, { maxLength: 2, selector: (c) => c.operator });
    const histogramArb = fc
      .record({
        a: fc.integer({ min: 0, max: hours }),
        b: fc.integer({ min: 0, max: hours }),
        interval: fc.constantFrom(...WHOLE_HOUR_INTERVALS),
        scope: fc.uniqueArray(eventConditionArb, { maxLength: 1 }),
        names: fc.uniqueArray(fc.constantFrom('a', 'B', 'c_1', 'Z-z', 'all'), { minLength: 1, maxLength: 4 }),
        conditions: fc.array(conditionsArb, { minLength: 4, maxLength: 4 }),
        page: fc.integer({ min: 1, max: 3 }),
        per_page: fc.constantFrom(1, 3, 10, 100),
      })
      .map(({ a, b, interval, scope, names, conditions, page, per_page }) =>
        histogramQuery({
          interval,
          page,
          per_page,
          scope: [...between(FROM + Math.min(a, b) * HOUR, FROM + Math.max(a, b) * HOUR), ...scope],
          reports: names.map((name, i) => ({
            name,
            conditions: conditions[i].length > 0 ? conditions[i] : ALL.conditions,
          })),
        }),
      );
    const termsArb = fc
      .record({
        a: fc.integer({ min: 0, max: 15 }),
        b: fc.integer({ min: 0, max: 15 }),
        field: fc.constantFrom('objects.user.s_country_code', 'device.device_type'),
        size: fc.integer({ min: 1, max: 100 }),
      })
      .map(({ a, b, field, size }) =>
        termsQuery({ field, size, scope: between(FROM + Math.min(a, b) * DAY, FROM + Math.max(a, b) * DAY) }),
      );
    await fc.assert(
      fc.asyncProperty(fc.oneof(histogramArb, termsArb), async (query) => {
        await (query.endpoint === 'terms' ? expectSameTerms(query) : expectSameHistogram(query));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it.each<[string, UpstreamQuery]>([
    [
      'a window that does not start on an hour',
      histogramQuery({ reports: [ALL], scope: between(FROM + HOUR / 2, TO) }),
    ],
    ['a window that does not end on an hour', histogramQuery({ reports: [ALL], scope: between(FROM, TO - 1) })],
    ['a window before the hourly spans', histogramQuery({ reports: [ALL], scope: between(FROM - HOUR, TO) })],
    ['a window after the hourly spans', histogramQuery({ reports: [ALL], scope: between(FROM, TO + HOUR) })],
    ...(['minute', '30m', '90m', '1.5h'] as const).map((interval): [string, UpstreamQuery] => [
      `buckets of ${interval}`,
      histogramQuery({ reports: [ALL], interval }),
    ]),
    [
      'a report with a condition on another field',
      histogramQuery({
        reports: [
          {
            name: 'us',
            conditions: [
              eventIs('token_verified'),
              { attribute: 'objects.user.s_country_code', operator: 'eq', value: 'US' },
            ],
          },
        ],
      }),
    ],
    [
      'a scope with a condition on another field',
      histogramQuery({
        reports: [ALL],
        scope: [...between(FROM, TO), { attribute: 'device.device_type', operator: 'eq', value: 'iphone' }],
      }),
    ],
    [
      'an event name by lk',
      histogramQuery({
        reports: [{ name: 'tokens', conditions: [{ attribute: 'event', operator: 'lk', value: 'token*' }] }],
      }),
    ],
    [
      'a report time condition inside an hour',
      histogramQuery({
        reports: [
          { name: 'later', conditions: [{ attribute: 'time', operator: 'lt', value: iso(FROM + DAY + HOUR / 2) }] },
        ],
      }),
    ],
    ['terms over a window of whole hours but not whole days', termsQuery({ scope: between(FROM + HOUR, TO) })],
    ['terms over a day after the spans', termsQuery({ scope: between(FROM, TO + DAY) })],
    ['terms on the event name', termsQuery({ field: 'event' })],
    ['terms on another country field', termsQuery({ field: 'objects.phone_verification.country_code' })],
    ['terms on the user locale', termsQuery({ field: 'user.locale' })],
    ['terms in a scope of one event name', termsQuery({ scope: [...between(FROM, TO), eventIs('token_verified')] })],
    ['events', { endpoint: 'events', params: { query: between(FROM, TO), page: 1, per_page: 10 } }],
  ])('does not hold %s', async (_, query) => {
    const window = windowFor(query);
    expect(await rollupHolds(rollups, query, window)).toBe(false);
    await expect(rollupAnswer(rollups, query, window)).rejects.toThrow(/do not answer/);
  });

  it('terms need every day of the window complete: a day listing 100 terms may have been cut', async () => {
    const synthetic = new RollupStore(async () => store.db, 'app_synthetic_days');
    const day = Date.parse('2020-02-01T00:00:00.000Z');
    const terms = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ key: `${prefix}${String(i).padStart(3, '0')}`, count: 1000 - i }));
    await synthetic.putDailyTerms({ from: day, to: day + DAY }, 'country', terms(99, 'A'));
    await synthetic.putDailyTerms({ from: day + DAY, to: day + 2 * DAY }, 'country', terms(100, 'B'));
    await synthetic.putDailyTerms({ from: day + 2 * DAY, to: day + 3 * DAY }, 'country', []);

    const holds = (from: number, to: number, size = 3) => {
      const query = termsQuery({ size, scope: between(from, to) });
      return rollupHolds(synthetic, query, windowFor(query));
    };
    expect(await holds(day, day + DAY)).toBe(true);
    expect(await holds(day, day + DAY, 100)).toBe(true);
    expect(await holds(day + DAY, day + 2 * DAY)).toBe(false);
    expect(await holds(day, day + 3 * DAY)).toBe(false);
    expect(await holds(day + 2 * DAY, day + 3 * DAY)).toBe(true);
    // The device types of those days were never read.
    const devices = termsQuery({ field: 'device.device_type', scope: between(day, day + DAY) });
    expect(await rollupHolds(synthetic, devices, windowFor(devices))).toBe(false);

    const query = termsQuery({ size: 2, scope: between(day, day + DAY) });
    expect(await rollupAnswer(synthetic, query, windowFor(query))).toEqual({
      terms: [
        { key: 'A000', count: 1000 },
        { key: 'A001', count: 999 },
      ],
      success: true,
    });
  });

  it('an hourly span that stops short of the window does not hold it', async () => {
    const synthetic = new RollupStore(async () => store.db, 'app_synthetic_hours');
    const hour = Date.parse('2020-02-01T00:00:00.000Z');
    await synthetic.putHourly({ from: hour, to: hour + 10 * HOUR }, [
      { hour: hour + HOUR, event: 'token_verified', count: 4 },
    ]);
    await synthetic.putHourly({ from: hour + 10 * HOUR, to: hour + 20 * HOUR }, [
      { hour: hour + 12 * HOUR, event: 'user_added', count: 2 },
    ]);
    const query = (to: number) =>
      histogramQuery({ reports: [{ name: 'all', conditions: [] }], interval: 'day', scope: between(hour, to) });
    expect(await rollupHolds(synthetic, query(hour + 21 * HOUR), windowFor(query(hour + 21 * HOUR)))).toBe(false);
    const held = query(hour + 20 * HOUR);
    expect(await rollupAnswer(synthetic, held, windowFor(held))).toEqual({
      interval: 'day',
      reports: { all: [{ timestamp: hour, time: iso(hour), count: 6 }] },
      success: true,
    });
  });
});
