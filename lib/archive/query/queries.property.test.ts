/**
 * The archive answers as the API would if it held exactly the archived events: an emulator
 * data set is archived whole, then random queries (every operator, nested attributes of every
 * object and type, aliases and unknown paths, several conditions, scopes, named and fixed
 * intervals, every page size) get the same answers from the archive's SQL as from the
 * emulator over HTTP, on the embedded store and on Postgres.
 *
 * Every query carries a time window inside the emulator's last 90 days, so the comparison
 * holds whether or not the emulator hides older events (its retention).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueProblem, valueTypeOf } from '../../authy/attributes';
import type { Condition, Report } from '../../authy/bracket-codec';
import { histogramResponseSchema, type AuthyEvent } from '../../authy/responses';
import {
  encodeEventsQuery,
  encodeHistogramQuery,
  encodeTermsQuery,
  type EventsQuery,
  type HistogramQuery,
  type TermsQuery,
} from '../../authy/encode';
import type { IntervalParam } from '../../authy/interval';
import { ALL_EVENT_NAMES, KNOWN_ATTRIBUTES, NAMED_INTERVALS, OPERATORS, type Operator } from '../../authy/vocabulary';
import { createEmulator } from '../../emulator';
import { backends } from '@/test/support/stores';
import { ArchiveEventStore } from '../event-store';
import { ArchiveQueries } from './index';
import { countable, isCountedField } from './sources';
import { resolveTarget } from './target';

const KEY = 'archive-property-key';
const NOW = Date.parse('2026-03-14T15:09:26.535Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const WINDOW_START = NOW - 90 * DAY;
const APP = 'app_property';

const emulator = createEmulator({
  // A seed whose last 90 days hold banned users, so `b_banned gt false` matches something.
  seed: 1,
  events: 9_000,
  users: 250,
  now: NOW,
  apiKey: KEY,
  ratePerMinute: Number.MAX_SAFE_INTEGER,
  ratePerHour: Number.MAX_SAFE_INTEGER,
});

const all: AuthyEvent[] = [];
emulator.dataset.forEachEvent((event) => all.push(event));

async function upstream(endpoint: string, params: URLSearchParams): Promise<unknown> {
  const response = await emulator.handle(
    new Request(`http://emulator.test/protected/json/reporting/${endpoint}?${params}`, {
      headers: { 'X-Authy-API-Key': KEY },
    }),
  );
  const text = await response.text();
  if (response.status !== 200) throw new Error(`emulator answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

// ---- What the data holds, to draw values that match something ----

type Sampled = { strings: string[]; integers: number[]; times: string[] };

/** Values per attribute path, drawn from the events inside the window. */
const samples = new Map<string, Sampled>();
function sample(path: string, value: unknown): void {
  const s = samples.get(path) ?? { strings: [], integers: [], times: [] };
  samples.set(path, s);
  if (typeof value === 'string') (/^\d{4}-\d\d-\d\dT/.test(value) ? s.times : s.strings).push(value);
  if (typeof value === 'number') s.integers.push(value);
  if (Array.isArray(value)) for (const element of value) sample(path, element);
}
for (const event of all) {
  if (Date.parse(event.time) < WINDOW_START) continue;
  sample('event', event.event);
  sample('request_id', event.request_id);
  sample('time', event.time);
  for (const [object, fields] of Object.entries(event.objects)) {
    for (const [field, value] of Object.entries(fields)) sample(`objects.${object}.${field}`, value);
  }
}
const pick = <T>(values: T[], i: number): T | undefined => (values.length ? values[i % values.length] : undefined);

/** Every field, aliases as clients write them, and paths that name nothing. */
const ATTRIBUTES = [
  ...KNOWN_ATTRIBUTES,
  'user.authy_id',
  'user.authy_ids',
  'objects.phone_verification.country_code',
  'device.device_type',
  'onetouch_request.status',
  'user.s_authy_id',
  'objects.user.s_nope',
  'objects.nothing.s_here',
  'objects.user',
  'objects',
];

const iso = (ms: number) => new Date(ms).toISOString();
const instantArb = fc.integer({ min: WINDOW_START, max: NOW });

/** A value for `op` on `attribute`, mostly one the data holds, sometimes nearby or odd. */
function valueArb(attribute: string, op: Operator): fc.Arbitrary<string> {
  const path = attribute === 'user.authy_id' ? 'objects.user.s_authy_id' : attribute;
  const s = samples.get(path) ?? { strings: [], integers: [], times: [] };
  const fromData = fc.nat().map((i) => pick(s.strings, i) ?? pick(s.times, i) ?? String(pick(s.integers, i) ?? 'x'));
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (last.startsWith('b_')) return fc.constantFrom('true', 'false');
  if (last.startsWith('i_'))
    return fc.oneof(
      fc.nat().map((i) => String(pick(s.integers, i) ?? 0)),
      fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })).map(([i, d]) => String((pick(s.integers, i) ?? 0) + d)),
      fc.integer({ min: -5, max: 2_000_000_000 }).map(String),
    );
  if (last.startsWith('t_') && op !== 'lk') {
    // The emulator keeps sub-millisecond fractions in device times that the JSON it renders
    // does not show, so at exactly a rendered instant it disagrees with the API (which keeps
    // what it shows). Compare around the instants the data holds, never at them; the
    // semantics test covers the exact instant.
    const held = new Set(s.times);
    return fc
      .oneof(
        fc
          .tuple(fc.nat(), fc.constantFrom(-2, -1, 1, 2))
          .map(([i, d]) => iso(Date.parse(pick(s.times, i) ?? iso(NOW)) + d)),
        instantArb.map(iso),
      )
      .filter((value) => !held.has(value));
  }
  if (last.startsWith('t_') || path === 'time')
    return fc.oneof(
      { weight: 4, arbitrary: fc.nat().map((i) => pick(s.times, i) ?? iso(NOW)) },
      instantArb.map(iso),
      // A day, an hour, or an instant with an offset: still ISO 8601, and `lk` takes them as text.
      instantArb.map((t) => iso(t).slice(0, 10)),
      instantArb.map((t) => iso(t).slice(0, 13) + ':00'),
      instantArb.map((t) => iso(t + 2 * HOUR).replace('Z', '+02:00')),
    );
  if (op !== 'lk')
    return fc.oneof(
      { weight: 4, arbitrary: fromData },
      { weight: 1, arbitrary: fromData.chain((v) => fc.nat(v.length).map((n) => v.slice(0, n))) },
      { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    );
  // lk: a piece of a value, case changed, with wildcards and LIKE's own special characters.
  return fc
    .tuple(
      fromData,
      fc.nat(),
      fc.nat(),
      fc.constantFrom('piece', 'prefix*', '*suffix', 'a*b', '*', 'odd', 'wild'),
      fc.boolean(),
    )
    .map(([value, a, b, shape, upper]) => {
      const i = value.length ? a % value.length : 0;
      const j = Math.min(value.length, i + 1 + (b % 6));
      const pattern = {
        piece: value.slice(i, j),
        'prefix*': `${value.slice(0, j)}*`,
        '*suffix': `*${value.slice(i)}`,
        'a*b': `${value.slice(0, i)}*${value.slice(j)}`,
        '*': '*',
        odd: ['%', '_', '\\', '.', '[a]', '(', '$'][a % 7] + value.slice(i, j),
        // SQL's wildcards where a character was: literal in the API, so they match nothing.
        wild: `${value.slice(0, i)}${['_', '%', '\\'][b % 3]}${value.slice(i + 1)}`,
      }[shape];
      return upper ? pattern.toUpperCase() : pattern;
    });
}

const conditionArb: fc.Arbitrary<Condition> = fc
  .record({
    attribute: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('event', 'objects.user.s_country_code', 'objects.device.s_device_type') },
      { weight: 6, arbitrary: fc.constantFrom(...ATTRIBUTES) },
    ),
    operator: fc.constantFrom(...OPERATORS),
  })
  .chain(({ attribute, operator }) => valueArb(attribute, operator).map((value) => ({ attribute, operator, value })))
  .filter((c) => valueProblem(c.attribute, c.value) === null);

const TYPES = ['string', 'integer', 'boolean', 'time', 'string_array'] as const;

/** A condition of each type equally often, whatever the number of attributes of each type. */
const typedConditionArb: fc.Arbitrary<Condition> = fc
  .constantFrom(...TYPES)
  .chain((type) => fc.constantFrom(...ATTRIBUTES.filter((a) => valueTypeOf(a) === type)))
  .chain((attribute) =>
    fc
      .constantFrom(...OPERATORS)
      .chain((operator) => valueArb(attribute, operator).map((value) => ({ attribute, operator, value }))),
  )
  .filter((c) => valueProblem(c.attribute, c.value) === null);

/** `event eq <frequent name>`: the usual report, and the shape the hourly counts answer. */
const eventConditionArb: fc.Arbitrary<Condition> = fc
  .oneof(
    fc.constantFrom('token_verified', 'token_invalid', 'one_touch_request_responded', 'totp_token_sent'),
    fc.constantFrom(...ALL_EVENT_NAMES),
  )
  .map((value) => ({ attribute: 'event', operator: 'eq', value }));

/** A window inside the data's last 90 days, its bounds sometimes on whole hours, written several ways. */
const windowArb: fc.Arbitrary<Condition[]> = fc
  .record({
    a: instantArb,
    length: fc.oneof(fc.integer({ min: HOUR, max: 3 * DAY }), fc.integer({ min: DAY, max: 90 * DAY })),
    whole: fc.boolean(),
    lower: fc.constantFrom('gte', 'gt'),
    upper: fc.constantFrom('lt', 'lte'),
  })
  .map(({ a, length, whole, lower, upper }) => {
    const round = (t: number) => (whole ? Math.floor(t / HOUR) * HOUR : t);
    const from = round(a);
    const to = Math.min(round(from + length), NOW);
    return [
      { attribute: 'time', operator: lower, value: iso(from) },
      { attribute: 'time', operator: upper, value: iso(to) },
    ] as Condition[];
  });

/** Conditions of one root: the window, then random ones, never one attribute and operator twice. */
function conditionsArb(extra: fc.Arbitrary<Condition>, max: number): fc.Arbitrary<Condition[]> {
  return fc.tuple(windowArb, fc.array(extra, { maxLength: max })).map(([window, more]) => {
    const seen = new Set<string>();
    return [...window, ...more].filter((c) => {
      const key = `${c.attribute}[${c.operator}]`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
}

const mixedConditionArb = fc.oneof({ weight: 2, arbitrary: conditionArb }, { weight: 1, arbitrary: eventConditionArb });

const pageArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }) },
);
const perPageArb = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 100 }), fc.constant(100));

const eventsQueryArb: fc.Arbitrary<EventsQuery> = fc.record({
  query: conditionsArb(mixedConditionArb, 3),
  page: pageArb,
  per_page: perPageArb,
});

const INTERVALS: IntervalParam[] = [
  ...NAMED_INTERVALS,
  '1.5h',
  '45m',
  '2d',
  '1w',
  '6h',
  '0.5d',
  '90m',
  '1d',
  '2h',
  '7m',
];
const REPORT_NAMES = ['verified', 'invalid', 'push', 'a', 'B', '10', '2', 'x-y', 'x_y', 'Z9'];

const reportArb = (name: string): fc.Arbitrary<Report> =>
  fc.oneof(
    // One event per report (most dashboards), or random conditions (time ones included).
    eventConditionArb.map((c) => ({ name, conditions: [c] })),
    fc
      .uniqueArray(
        fc.oneof(
          mixedConditionArb,
          windowArb.map((w) => w[0]),
        ),
        {
          minLength: 1,
          maxLength: 3,
          selector: (c) => `${c.attribute}[${c.operator}]`,
        },
      )
      .map((conditions) => ({ name, conditions })),
  );

const histogramQueryArb: fc.Arbitrary<HistogramQuery> = fc.record({
  reports: fc
    .uniqueArray(fc.constantFrom(...REPORT_NAMES), { minLength: 1, maxLength: 4 })
    .chain((names) => fc.tuple(...names.map(reportArb))),
  scope: fc.oneof(conditionsArb(eventConditionArb, 1), conditionsArb(mixedConditionArb, 2)),
  interval: fc.constantFrom(...INTERVALS),
  page: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 5 }) }),
  per_page: perPageArb,
});

const termsQueryArb: fc.Arbitrary<TermsQuery> = fc.record({
  field: fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('event', 'objects.device.s_device_type', 'objects.user.s_country_code') },
    { weight: 5, arbitrary: fc.constantFrom(...ATTRIBUTES) },
  ),
  size: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100 })),
  scope: fc.oneof(conditionsArb(eventConditionArb, 1), conditionsArb(mixedConditionArb, 3)),
});

/** Whether the engine answers these terms from the counts kept beside the events. */
function countedTerms(q: TermsQuery): boolean {
  const target = resolveTarget(q.field);
  return target.kind === 'column' && (target.column === 'event' || isCountedField(target.column)) && countable(q.scope);
}

describe.each(backends)('archive queries on $name equal the emulator', (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  let queries: ArchiveQueries;

  beforeAll(async () => {
    opened = await backend.open();
    await new ArchiveEventStore(async () => opened.store.db).insert(APP, all);
    queries = new ArchiveQueries(async () => opened.store);
  }, 120_000);
  afterAll(async () => {
    console.log(backend.name, nonEmpty);
    await opened.close();
  });

  /** How many answers held something, so a run of empty answers cannot pass for agreement. */
  const nonEmpty = { events: 0, histogramCounted: 0, histogramFromEvents: 0, termsCounted: 0, terms: 0 };

  it('each operator on each attribute, alone over the whole window: same events and terms', async () => {
    const whole: Condition[] = [
      { attribute: 'time', operator: 'gte', value: iso(WINDOW_START) },
      { attribute: 'time', operator: 'lt', value: iso(NOW) },
    ];
    const matched = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        typedConditionArb.filter((c) => !whole.some((w) => w.attribute === c.attribute && w.operator === c.operator)),
        fc.integer({ min: 1, max: 3 }),
        async (c, page) => {
          const scope = [...whole, c];
          const terms: TermsQuery = { field: 'event', size: 100, scope };
          const counted = await queries.terms(APP, terms);
          expect(counted).toEqual(await upstream('terms', encodeTermsQuery(terms)));
          const listed: EventsQuery = { query: scope, page, per_page: 100 };
          expect(await queries.events(APP, listed)).toEqual(await upstream('events', encodeEventsQuery(listed)));
          if (counted.terms.length > 0) matched.add(`${valueTypeOf(c.attribute)} ${c.operator}`);
        },
      ),
      { numRuns: 500, seed: 1200 },
    );
    // Every type met every operator on a condition that matched something.
    expect([...matched].sort()).toEqual(TYPES.flatMap((t) => OPERATORS.map((op) => `${t} ${op}`)).sort());
  }, 300_000);

  it('events: the same events, in the same order and pages', async () => {
    await fc.assert(
      fc.asyncProperty(eventsQueryArb, async (q) => {
        const expected = await upstream('events', encodeEventsQuery(q));
        const actual = await queries.events(APP, q);
        expect(actual).toEqual(expected);
        if (actual.events.length > 0) nonEmpty.events++;
      }),
      { numRuns: 300, seed: 1201 },
    );
    expect(nonEmpty.events).toBeGreaterThan(60);
  }, 300_000);

  it('date_histogram: the same buckets and counts for every report and page', async () => {
    await fc.assert(
      fc.asyncProperty(histogramQueryArb, async (q) => {
        const expected = histogramResponseSchema.parse(await upstream('date_histogram', encodeHistogramQuery(q)));
        const actual = await queries.histogram(APP, q);
        expect(actual).toEqual(expected);
        // Key order too: reports by name, as the emulator lists them.
        expect(Object.keys(actual.reports)).toEqual(Object.keys(expected.reports));
        if (Object.values(actual.reports).some((buckets) => buckets.some((b) => b.count > 0))) {
          const every = [...q.scope, ...q.reports.flatMap((r) => r.conditions)];
          nonEmpty[countable(every) ? 'histogramCounted' : 'histogramFromEvents']++;
        }
      }),
      { numRuns: 400, seed: 1202 },
    );
    // Both ways of counting were compared on answers that held something.
    expect(nonEmpty.histogramCounted).toBeGreaterThan(40);
    expect(nonEmpty.histogramFromEvents).toBeGreaterThan(40);
  }, 300_000);

  it('terms: the same keys, counts and tie order', async () => {
    await fc.assert(
      fc.asyncProperty(termsQueryArb, async (q) => {
        const expected = await upstream('terms', encodeTermsQuery(q));
        const actual = await queries.terms(APP, q);
        expect(actual).toEqual(expected);
        if (actual.terms.length > 0) nonEmpty[countedTerms(q) ? 'termsCounted' : 'terms']++;
      }),
      { numRuns: 300, seed: 1203 },
    );
    expect(nonEmpty.terms).toBeGreaterThan(60);
    expect(nonEmpty.termsCounted).toBeGreaterThan(30);
  }, 300_000);

  it('distinct users: the data set’s own count, for any range and event names', async () => {
    await fc.assert(
      fc.asyncProperty(
        instantArb,
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.option(fc.uniqueArray(fc.constantFrom(...ALL_EVENT_NAMES), { maxLength: 4 }), { nil: undefined }),
        async (from, length, names) => {
          const to = from + length;
          expect(await queries.distinctUsers(APP, from, to, names)).toBe(
            emulator.dataset.distinctUsersBetween(from, to, names),
          );
        },
      ),
      { numRuns: 60, seed: 1204 },
    );
  }, 120_000);
});
