/**
 * Nothing a user can send produces a 500. Generated bad queries (unknown operators, malformed
 * brackets, huge values, wrong types, duplicate keys, unicode, empty names, unknown
 * parameters, bad ranges) mixed with valid parts must get a 400 naming a parameter, on every
 * reporting route; arbitrary junk must get a 400 or a 200, never anything else.
 */
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { OPERATORS } from '@/lib/authy/vocabulary';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'test', role: 'member' }) }));

// Valid queries reach this stub; the point here is what never reaches it.
vi.mock('@/lib/services', () => {
  const meta = { cache: 'hit', fetchedAt: new Date(0).toISOString(), ageSeconds: 0, budget: {} };
  const ok = async () => ({ data: { success: true }, meta });
  return { reportingService: () => ({ ask: ok, budget: async () => ({}) }) };
});

const routes = {
  events: (await import('@/app/api/reporting/events/route')).GET,
  date_histogram: (await import('@/app/api/reporting/date_histogram/route')).GET,
  terms: (await import('@/app/api/reporting/terms/route')).GET,
};
type RouteName = keyof typeof routes;

const ROOTS: Record<RouteName, { condition: string; others: string[] }> = {
  events: { condition: 'query', others: ['page', 'per_page'] },
  date_histogram: { condition: 'scope', others: ['interval'] },
  terms: { condition: 'scope', others: ['size'] },
};
const KNOWN = new Set(['query', 'scope', 'report', 'page', 'per_page', 'interval', 'field', 'size', 'range']);

type Pair = [string, string];

const attribute = fc.constantFrom('event', 'objects.user.s_country_code', 'objects.device.s_device_type', 'time');
const goodValue = (attr: string) => (attr === 'time' ? '2019-06-01T00:00:00.000Z' : 'token_verified');

/** Parts a route accepts, so bad parts hide among good ones. */
function validParts(name: RouteName): fc.Arbitrary<Pair[]> {
  const condition = fc
    .tuple(
      attribute.filter((a) => a !== 'time'),
      fc.constantFrom(...OPERATORS),
    )
    .map(([a, op]): Pair => [`${ROOTS[name].condition}[${a}][${op}]`, goodValue(a)]);
  const required: Pair[] =
    name === 'terms'
      ? [['field', 'event']]
      : name === 'date_histogram'
        ? [['report[ok][event][eq]', 'user_added']]
        : [];
  return fc.uniqueArray(condition, { maxLength: 3, selector: (p) => p[0] }).map((parts) => [...required, ...parts]);
}

const junk = fc.string({ unit: 'grapheme', maxLength: 12 });

/** One part that is certainly wrong for `name`. */
function badPart(name: RouteName): fc.Arbitrary<Pair[]> {
  const root = ROOTS[name].condition;
  const unknownOperator = fc
    .tuple(
      attribute,
      fc
        .string({ minLength: 1, maxLength: 8 })
        .filter((op) => !(OPERATORS as readonly string[]).includes(op) && !/[[\]]/.test(op)),
    )
    .map(([a, op]): Pair[] => [[`${root}[${a}][${op}]`, goodValue(a)]]);
  const malformed = fc
    .constantFrom(
      `${root}[event`,
      `${root}]event[eq]`,
      `${root}[event][eq][x]`,
      `${root}[][eq]`,
      `${root}[event]`,
      `${root}[[x]][eq]`,
      `report[a][event]`,
      `report[a]`,
      `${root}[event][eq]]`,
    )
    .map((key): Pair[] => [[key, 'x']]);
  const huge = fc.oneof(
    fc.constant<Pair[]>([[`${root}[event][eq]`, 'x'.repeat(600)]]),
    fc.constant<Pair[]>([[`${root}[${'a'.repeat(200)}][eq]`, 'x']]),
    fc
      .constantFrom(...ROOTS[name].others)
      .chain((p) =>
        fc
          .bigInt({ min: 10n ** 9n, max: 10n ** 30n })
          .map((n): Pair[] => [[p, p === 'interval' ? `${n}m` : n.toString()]]),
      ),
  );
  const wrongType = fc.oneof(
    fc
      .constantFrom<Pair>(
        [`${root}[time][gte]`, 'yesterday'],
        [`${root}[objects.onetouch_request.i_seconds_to_expire][gt]`, 'soon'],
        [`${root}[objects.user.b_banned][eq]`, 'maybe'],
      )
      .map((p) => [p]),
    fc
      .constantFrom(...ROOTS[name].others)
      .chain((p) =>
        fc
          .constantFrom('abc', '-1', '1.5', '', '0x10', ' 7')
          .map((v): Pair[] => [[p, p === 'interval' ? `${v}parsec` : v]]),
      ),
  );
  const duplicate = validParts(name).map((parts): Pair[] => {
    const pair: Pair = parts[0] ?? [`${root}[event][eq]`, 'a'];
    return [pair, [pair[0], 'again']];
  });
  const unicode = fc
    .constantFrom(
      `${root}[évent][eq]`,
      `${root}[objects.用户.id][eq]`,
      'report[ñame][event][eq]',
      `${root}[event][éq]`,
      'ränge',
      'páge',
    )
    .map((key): Pair[] => [[key, 'x']]);
  const emptyName = fc
    .constantFrom('', '[]', `${root}[][]`, 'report[][event][eq]', '[event][eq]')
    .map((key): Pair[] => [[key, 'x']]);
  const unknown = fc
    .oneof(junk, fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'field[x]', 'page[1]'))
    .filter(
      (k) =>
        !KNOWN.has(k.replace(/\[.*$/, '')) ||
        (k.includes('[') && !k.startsWith('report') && !k.startsWith(ROOTS[name].condition)),
    )
    .map((key): Pair[] => [[key, 'x']]);
  const badRange = fc.oneof(
    junk
      .filter((r) => !['1h', '24h', '7d', '30d', '90d', '12mo', 'this_month', 'last_month'].includes(r))
      .map((r): Pair[] => [['range', r]]),
    fc.constant<Pair[]>([
      ['range', '7d'],
      [`${root}[time][lt]`, '2020-01-01T00:00:00Z'],
    ]),
    fc.constant<Pair[]>([
      ['range', '7d'],
      ['range', '30d'],
    ]),
  );
  const parts = [unknownOperator, malformed, huge, wrongType, duplicate, unicode, emptyName, unknown, badRange];
  if (name === 'date_histogram')
    parts.push(
      // Histograms take page and per_page (the docs' examples page the series), within their bounds.
      fc.constantFrom<Pair[]>(
        [['page', '0']],
        [['per_page', '101']],
        [
          ['report[x][event][eq]', 'a'],
          ['report[x][event][eq]', 'b'],
        ],
      ),
    );
  if (name === 'terms') parts.push(fc.constant<Pair[]>([['field', 'objects..user']]));
  return fc.oneof(...parts);
}

function badQuery(name: RouteName): fc.Arbitrary<Pair[]> {
  return fc
    .tuple(validParts(name), fc.array(badPart(name), { minLength: 1, maxLength: 3 }), fc.infiniteStream(fc.nat()))
    .map(([good, bad, order]) => {
      const all = [...good, ...bad.flat()];
      const rank = new Map(all.map((p, i) => [p, (order.next().value as number) + i]));
      return all.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    });
}

async function status(name: RouteName, pairs: Pair[]) {
  const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const response = await routes[name](new NextRequest(`http://127.0.0.1:3000/api/reporting/${name}?${query}`), {
    params: Promise.resolve({}),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string; field?: string } },
  };
}

describe.each(Object.keys(routes) as RouteName[])('GET /api/reporting/%s under generated bad input', (name) => {
  it('answers 1,200 bad queries with a 400 naming the parameter', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(badQuery(name), async (pairs) => {
        runs++;
        const { status: code, body } = await status(name, pairs);
        expect(code, JSON.stringify(pairs)).toBe(400);
        expect(body.error?.code).toBe('bad_request');
        expect(typeof body.error?.field).toBe('string');
        expect(body.error?.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1_200 },
    );
    expect(runs).toBeGreaterThanOrEqual(1_000);
  });

  it('never answers arbitrary junk with anything but 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(junk, junk), { maxLength: 6 }), async (pairs) => {
        expect([200, 400]).toContain((await status(name, pairs)).status);
      }),
      { numRuns: 300 },
    );
  });
});
