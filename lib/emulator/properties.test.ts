/**
 * Properties of the query engine on a small data set, checked against each other and
 * against an oracle that reads the rendered events directly (dataset.forEachEvent).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthyEvent } from '../authy/responses';
import { eventsResponseSchema, histogramResponseSchema, termsResponseSchema } from '../authy/responses';
import { ALL_EVENT_NAMES } from '../authy/vocabulary';
import { COUNTRIES } from './catalog';
import { api, call, testEmulator } from '@/test/support/emulator';

const emulator = testEmulator({ events: 6_000, users: 300, seed: 3 });
const { start, end } = emulator.dataset;
const DAY = 86_400_000;

type Scope = { event: string; country?: string; from: number; to: number };

const scopeArb: fc.Arbitrary<Scope> = fc
  .record({
    // Mostly frequent events, so most scopes hold something to count.
    event: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('token_verified', 'one_touch_request_responded', 'totp_token_sent', 'token_invalid'),
      },
      { weight: 1, arbitrary: fc.constantFrom(...ALL_EVENT_NAMES) },
    ),
    country: fc.option(fc.constantFrom(...COUNTRIES.slice(0, 6).map((c) => c.code)), { nil: undefined }),
    a: fc.integer({ min: 0, max: 730 * 24 }),
    hours: fc.integer({ min: 24, max: 300 * 24 }),
  })
  .map(({ event, country, a, hours }) => {
    const from = start + a * 3_600_000;
    return { event, country, from, to: Math.min(end + 1, from + hours * 3_600_000) };
  });

const iso = (ms: number) => new Date(ms).toISOString();
function conditions(root: 'query' | 'scope', s: Scope, withEvent: boolean): string {
  const parts = [`${root}[time][gte]=${iso(s.from)}`, `${root}[time][lt]=${iso(s.to)}`];
  if (s.country) parts.push(`${root}[objects.user.s_country_code][eq]=${s.country}`);
  if (withEvent) parts.push(`${root}[event][eq]=${s.event}`);
  return parts.join('&');
}

async function json(path: string): Promise<unknown> {
  const res = await call(emulator, path);
  expect(res.status).toBe(200);
  return res.json();
}

async function allEvents(query: string): Promise<AuthyEvent[]> {
  const events: AuthyEvent[] = [];
  for (let page = 1; page <= 100; page++) {
    const body = eventsResponseSchema.parse(await json(api('events', `${query}&per_page=100&page=${page}`)));
    events.push(...body.events);
    if (body.events.length < 100) break;
  }
  return events;
}

/** The oracle: every event as rendered, read once. */
const rendered: { time: number; event: AuthyEvent }[] = [];
emulator.dataset.forEachEvent((event, i) => rendered.push({ time: emulator.dataset.timeOf(i), event }));

function oracleCount(predicate: (e: AuthyEvent) => boolean, from = -Infinity, to = Infinity): number {
  let n = 0;
  for (const { time, event } of rendered) if (time >= from && time < to && predicate(event)) n++;
  return n;
}

describe('terms, histogram and events agree', () => {
  it('for any scope: terms count = sum of histogram buckets = events paged through = oracle', async () => {
    const seen: number[] = [];
    await fc.assert(
      fc.asyncProperty(scopeArb, fc.constantFrom('month', 'week', 'day', '6h', '1.5d'), async (s, interval) => {
        const terms = termsResponseSchema.parse(
          await json(api('terms', `field=event&size=100&${conditions('scope', s, false)}`)),
        );
        const termCount = terms.terms.find((t) => t.key === s.event)?.count ?? 0;

        let histogramSum = 0;
        for (let page = 1; page <= 100; page++) {
          const q = `report[r][event][eq]=${s.event}&${conditions('scope', s, false)}&interval=${interval}&per_page=100&page=${page}`;
          const buckets = histogramResponseSchema.parse(await json(api('date_histogram', q))).reports.r;
          histogramSum += buckets.reduce((sum, b) => sum + b.count, 0);
          if (buckets.length < 100) break;
        }

        const events = await allEvents(conditions('query', s, true));
        const ids = events.map((e) => e.request_id);
        expect(new Set(ids).size).toBe(ids.length); // pages never overlap
        const times = events.map((e) => e.time);
        expect([...times].sort().reverse()).toEqual(times); // newest first across pages

        const expected = oracleCount(
          (e) => e.event === s.event && (!s.country || e.objects.user?.s_country_code === s.country),
          s.from,
          s.to,
        );
        expect(termCount).toBe(expected);
        expect(histogramSum).toBe(expected);
        expect(events.length).toBe(expected);
        seen.push(expected);
      }),
      { numRuns: 25, seed: 20200115 },
    );
    // Guard against a vacuous run where every scope was empty.
    expect(seen.filter((n) => n > 0).length).toBeGreaterThan(seen.length / 3);
    expect(Math.max(...seen)).toBeGreaterThan(100);
  });

  it('a histogram with several reports equals the same reports asked one by one', async () => {
    const reportArb = fc.uniqueArray(fc.constantFrom(...ALL_EVENT_NAMES), { minLength: 2, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(reportArb, scopeArb, fc.constantFrom('month', 'day', '12h'), async (names, s, interval) => {
        const scope = s.country ? `scope[objects.user.s_country_code][eq]=${s.country}` : '';
        const q = (reports: string[]) =>
          `${reports.map((n, i) => `report[r${i}_${n}][event][eq]=${n}`).join('&')}&${scope}&interval=${interval}&per_page=100`;
        const together = histogramResponseSchema.parse(await json(api('date_histogram', q(names)))).reports;
        for (const [i, name] of names.entries()) {
          const alone = histogramResponseSchema.parse(await json(api('date_histogram', q([name])))).reports;
          const key = `r0_${name}`;
          // Buckets may differ (the bucket list follows the scope, not the report), counts may not.
          const counts = (buckets: { timestamp: number; count: number }[]) =>
            Object.fromEntries(buckets.filter((b) => b.count > 0).map((b) => [b.timestamp, b.count]));
          expect(counts(together[`r${i}_${name}`])).toEqual(counts(alone[key]));
          expect(together[`r${i}_${name}`].map((b) => b.timestamp)).toEqual(alone[key].map((b) => b.timestamp));
        }
      }),
      { numRuns: 15, seed: 7 },
    );
  });
});

describe('histogram counting paths agree with the oracle', () => {
  // No scope beyond time (posting lists), a scope condition (one shared pass), and reports
  // with two conditions (a scan per report): each checked against the rendered events.
  it.each([
    ['time-only scope', '', false],
    ['a scope condition', 'scope[objects.user.s_locale][eq]=en', false],
    ['two conditions per report', '', true],
  ])('%s', async (_label, scope, twoConditions) => {
    // Overlapping reports (one code counts for two of them) as well as disjoint ones.
    const reportsOf: Record<string, [string, (event: string) => boolean]> = {
      verified: ['[event][eq]=token_verified', (e) => e === 'token_verified'],
      tokens: ['[event][lk]=token', (e) => e.includes('token')],
      added: ['[event][eq]=user_added', (e) => e === 'user_added'],
    };
    const reports = Object.entries(reportsOf)
      .map(
        ([name, [condition]]) =>
          `report[${name}]${condition}` + (twoConditions ? `&report[${name}][objects.user.s_country_code][eq]=1` : ''),
      )
      .join('&');
    for (const interval of ['month', 'week', '1d']) {
      const all: Record<string, number> = {};
      for (let page = 1; page <= 20; page++) {
        const q = `${reports}&${scope}&interval=${interval}&per_page=100&page=${page}`;
        const body = histogramResponseSchema.parse(await json(api('date_histogram', q)));
        for (const [name, buckets] of Object.entries(body.reports)) {
          for (const b of buckets) all[name] = (all[name] ?? 0) + b.count;
        }
        if (Object.values(body.reports)[0].length < 100) break;
      }
      for (const [name, [, matches]] of Object.entries(reportsOf)) {
        const expected = oracleCount(
          (e) =>
            matches(e.event) &&
            (!scope || e.objects.user?.s_locale === 'en') &&
            (!twoConditions || e.objects.user?.s_country_code === '1'),
        );
        expect(all[name] ?? 0).toBe(expected);
        expect(expected).toBeGreaterThan(0);
      }
    }
  });
});

describe('operators', () => {
  const valueArb = fc.constantFrom(...ALL_EVENT_NAMES);
  const eventNames = Array.from({ length: emulator.dataset.size }, (_, i) => emulator.dataset.eventNameOf(i));

  it('lk: case-insensitive, * is a wildcard over the whole value, no * means substring', async () => {
    const patternArb = fc
      .tuple(valueArb, fc.nat(), fc.nat(), fc.constantFrom('substring', 'prefix*', '*suffix', 'a*b'), fc.boolean())
      .map(([value, a, b, shape, upper]) => {
        const i = a % value.length;
        const j = i + 1 + (b % (value.length - i));
        const piece = value.slice(i, j);
        const pattern =
          shape === 'substring'
            ? piece
            : shape === 'prefix*'
              ? `${value.slice(0, j)}*`
              : shape === '*suffix'
                ? `*${value.slice(i)}`
                : `${value.slice(0, i)}*${value.slice(j)}`;
        return upper ? pattern.toUpperCase() : pattern;
      });
    await fc.assert(
      fc.asyncProperty(patternArb, async (pattern) => {
        const { terms } = termsResponseSchema.parse(
          await json(api('terms', `field=event&size=100&scope[event][lk]=${encodeURIComponent(pattern)}`)),
        );
        const glob = pattern.toLowerCase().split('*');
        const like = (v: string) => {
          const s = v.toLowerCase();
          if (glob.length === 1) return s.includes(glob[0]);
          // Anchored glob: first piece a prefix, last a suffix, the middle ones in order.
          if (!s.startsWith(glob[0]) || !s.endsWith(glob[glob.length - 1])) return false;
          let at = glob[0].length;
          for (const mid of glob.slice(1, -1)) {
            const found = s.indexOf(mid, at);
            if (found < 0) return false;
            at = found + mid.length;
          }
          return at <= s.length - glob[glob.length - 1].length;
        };
        const expected = new Map<string, number>();
        for (const name of eventNames) if (like(name)) expected.set(name, (expected.get(name) ?? 0) + 1);
        expect(Object.fromEntries(terms.map((t) => [t.key, t.count]))).toEqual(Object.fromEntries(expected));
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('terms rank by count then key, top size, for any field and size', async () => {
    const fields = ['objects.user.s_authy_id', 'objects.device.s_user_agent', 'objects.user.s_locale', 'event'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.integer({ min: 1, max: 100 }),
        scopeArb,
        async (field, size, s) => {
          const { terms } = termsResponseSchema.parse(
            await json(
              api('terms', `field=${field}&size=${size}&scope[time][gte]=${iso(s.from)}&scope[time][lt]=${iso(s.to)}`),
            ),
          );
          const [object, name] = field.split('.').slice(1);
          const totals = new Map<string, number>();
          for (const { time, event: e } of rendered) {
            if (time < s.from || time >= s.to) continue;
            const value = field === 'event' ? e.event : e.objects[object]?.[name];
            if (typeof value === 'string') totals.set(value, (totals.get(value) ?? 0) + 1);
          }
          const expected = [...totals]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .slice(0, size)
            .map(([key, count]) => ({ key, count }));
          expect(terms).toEqual(expected);
        },
      ),
      { numRuns: 20, seed: 5 },
    );
  });

  it('as_ arrays: eq means contains, and terms count each element', async () => {
    const byArray = termsResponseSchema.parse(await json(api('terms', 'field=objects.user.as_authy_ids&size=100')));
    const byId = termsResponseSchema.parse(await json(api('terms', 'field=objects.user.s_authy_id&size=100')));
    expect(byArray.terms).toEqual(byId.terms);
    const id = byId.terms[3].key;
    const events = await allEvents(`query[objects.user.as_authy_ids][eq]=${id}`);
    expect(events.length).toBe(byId.terms[3].count);
    for (const e of events) expect(e.objects.user.as_authy_ids).toContain(id);
  });

  it('string ranges select names (the phone verification trick from FACTS.md)', async () => {
    const { terms } = termsResponseSchema.parse(
      await json(api('terms', 'field=event&size=100&scope[event][gte]=phone_verification_&scope[event][lt]=q')),
    );
    const keys = terms.map((t) => t.key).sort();
    expect(keys.length).toBeGreaterThan(2);
    for (const key of keys) expect(key >= 'phone_verification_' && key < 'q').toBe(true);
    expect(keys).not.toContain('phone_change_requested');
  });

  it('integers compare as numbers, booleans as false < true, times as instants', async () => {
    const length6 = oracleCount((e) => Number(e.objects.phone_verification?.i_code_length) >= 6);
    const { terms } = termsResponseSchema.parse(
      await json(api('terms', 'field=event&size=100&scope[objects.phone_verification.i_code_length][gte]=6')),
    );
    expect(terms.reduce((sum, t) => sum + t.count, 0)).toBe(length6);

    const banned = oracleCount((e) => e.objects.user?.b_banned === true);
    const gtFalse = termsResponseSchema.parse(
      await json(api('terms', 'field=event&size=100&scope[objects.user.b_banned][gt]=false')),
    );
    expect(gtFalse.terms.reduce((sum, t) => sum + t.count, 0)).toBe(banned);

    const cut = start + 400 * DAY;
    const created = oracleCount(
      (e) => e.objects.device !== undefined && Date.parse(String(e.objects.device.t_creation_date)) < cut,
    );
    const old = termsResponseSchema.parse(
      await json(api('terms', `field=event&size=100&scope[objects.device.t_creation_date][lt]=${iso(cut)}`)),
    );
    expect(old.terms.reduce((sum, t) => sum + t.count, 0)).toBe(created);
  });

  it('a path an event lacks never matches, whatever the operator', async () => {
    for (const op of ['eq', 'lt', 'lte', 'gt', 'gte', 'lk']) {
      const { terms } = termsResponseSchema.parse(
        await json(api('terms', `field=event&size=100&scope[objects.device.s_device_type][${op}]=a`)),
      );
      for (const t of terms)
        expect([
          'one_touch_request_responded',
          'device_registration_completed',
          'multidevice_setting_changed',
        ]).toContain(t.key);
    }
    const unknown = termsResponseSchema.parse(
      await json(api('terms', 'field=event&scope[objects.user.s_nope][lt]=zzz')),
    );
    expect(unknown.terms).toEqual([]);
    const missingField = termsResponseSchema.parse(await json(api('terms', 'field=objects.nothing.s_here')));
    expect(missingField.terms).toEqual([]);
  });

  it('user.authy_id is an alias of objects.user.s_authy_id; prefixed short forms are not', async () => {
    const { terms } = termsResponseSchema.parse(await json(api('terms', 'field=objects.user.s_authy_id&size=1')));
    const id = terms[0].key;
    const viaAlias = termsResponseSchema.parse(
      await json(api('terms', `field=objects.user.s_authy_id&scope[user.authy_id][eq]=${id}`)),
    );
    expect(viaAlias.terms).toEqual([{ key: id, count: terms[0].count }]);
    const byDevice = termsResponseSchema.parse(await json(api('terms', 'field=device.device_type&size=20')));
    const byFullPath = termsResponseSchema.parse(
      await json(api('terms', 'field=objects.device.s_device_type&size=20')),
    );
    expect(byDevice.terms).toEqual(byFullPath.terms);
    const prefixed = termsResponseSchema.parse(
      await json(api('terms', `field=event&scope[user.s_authy_id][eq]=${id}`)),
    );
    expect(prefixed.terms).toEqual([]);
  });
});
