/**
 * Every example request of the reference (its curl URLs, verbatim), against the emulator:
 * the documented shape in JSON (checked with the shared zod response schemas) and the same
 * content in Rails-style XML.
 */
import { describe, expect, it } from 'vitest';
import { eventsResponseSchema, histogramResponseSchema, termsResponseSchema } from '../authy/responses';
import { EVENT_OBJECTS, type EventName } from '../authy/vocabulary';
import { elementNames, fromRailsXml, parseXml } from './rails-xml-reader';
import { call, testEmulator } from '@/test/support/emulator';

const REFERENCE_URLS = [
  '/protected/json/reporting/events?query[event][eq]=one_touch_request_responded&query[objects.device.s_device_type][eq]=iphone&page=1&per_page=50',
  '/protected/json/reporting/date_histogram?report[users_added][event][eq]=user_added&interval=month&page=1&per_page=10',
  '/protected/json/reporting/terms?field=event&scope[time][gte]=2019-01-01T00:00:00.000Z&scope[time][lt]=2020-01-01T00:00:00.000Z',
  '/protected/json/reporting/events?query[time][gte]=2019-12-17T00:00:00.000Z&query[time][lte]=2019-12-17T23:59:59.999Z',
  '/protected/json/reporting/events?query[time][gte]=2019-04-01T00:00:00.000Z&query[time][lt]=2019-07-01T00:00:00.000Z&page=2&per_page=5',
  '/protected/json/reporting/date_histogram?interval=month&report[verified_tokens][event][eq]=token_verified&report[invalid_tokens][event][eq]=token_invalid',
  '/protected/json/reporting/date_histogram?scope[time][gte]=2019-04-01T00:00:00.000Z&scope[time][lt]=2019-07-01T00:00:00.000Z&report[verified_tokens][event][eq]=token_verified',
  '/protected/json/reporting/terms?field=objects.user.s_authy_id&scope[time][gte]=2019-11-01T00:00:00.000Z&scope[time][lt]=2019-12-01T00:00:00.000Z',
  '/protected/json/reporting/terms?field=objects.device.s_device_type&scope[time][gte]=2019-01-01T00:00:00.000Z&scope[time][lt]=2020-01-01T00:00:00.000Z',
  // The query-format snippets, each as an events call.
  '/protected/json/reporting/events?query[event][eq]=one_touch_request_responded',
  '/protected/json/reporting/events?query[objects.device.s_device_type][eq]=iphone',
  '/protected/json/reporting/events?query[event][eq]=totp_token_sent&query[objects.user.s_locale][eq]=en',
];

const emulator = testEmulator();
const schemaOf = { events: eventsResponseSchema, date_histogram: histogramResponseSchema, terms: termsResponseSchema };
const endpointOf = (url: string) => /reporting\/(\w+)/.exec(url)![1] as keyof typeof schemaOf;
const params = (url: string) => new URL(url, 'http://x').searchParams;

describe.each(REFERENCE_URLS)('%s', (url) => {
  it('answers the documented JSON shape, non-empty', async () => {
    const res = await call(emulator, url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = schemaOf[endpointOf(url)].parse(res.json());
    const items = 'events' in body ? body.events : 'terms' in body ? body.terms : Object.values(body.reports)[0];
    expect(items.length).toBeGreaterThan(0);
  });

  it('answers the same content as Rails-style XML', async () => {
    const [json, xml] = await Promise.all([call(emulator, url), call(emulator, url.replace('/json/', '/xml/'))]);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    expect(xml.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = parseXml(xml.text);
    expect(Object.keys(doc)).toEqual(['hash']);
    const names = elementNames(doc.hash);
    for (const name of names) expect(name).not.toContain('_');
    expect(fromRailsXml(doc.hash)).toEqual(json.json());
  });
});

describe('what the examples promise', () => {
  it('events match every query condition, newest first, with the objects of their kind', async () => {
    const body = eventsResponseSchema.parse((await call(emulator, REFERENCE_URLS[0])).json());
    expect(body.events).toHaveLength(50);
    for (const event of body.events) {
      expect(event.event).toBe('one_touch_request_responded');
      expect(event.objects.device.s_device_type).toBe('iphone');
      expect(Object.keys(event.objects).sort()).toEqual([...EVENT_OBJECTS[event.event as EventName]].sort());
    }
    const times = body.events.map((e) => Date.parse(e.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('page 2 of 5 is events 6-10 of the same query', async () => {
    const url = REFERENCE_URLS[4];
    const page2 = eventsResponseSchema.parse((await call(emulator, url)).json()).events;
    const first10 = eventsResponseSchema.parse(
      (await call(emulator, url.replace('page=2&per_page=5', 'page=1&per_page=10'))).json(),
    ).events;
    expect(page2.map((e) => e.request_id)).toEqual(first10.slice(5).map((e) => e.request_id));
    for (const e of page2) expect(e.time >= '2019-04-01' && e.time < '2019-07-01').toBe(true);
  });

  it('histograms bucket by calendar month, ascending, one bucket list for every report', async () => {
    const body = histogramResponseSchema.parse((await call(emulator, REFERENCE_URLS[5])).json());
    expect(body.interval).toBe('month');
    expect(Object.keys(body.reports)).toEqual(['invalid_tokens', 'verified_tokens']);
    const [invalid, verified] = [body.reports.invalid_tokens, body.reports.verified_tokens];
    expect(invalid.map((b) => b.timestamp)).toEqual(verified.map((b) => b.timestamp));
    for (const bucket of verified) {
      expect(new Date(bucket.timestamp).toISOString()).toBe(bucket.time);
      expect(bucket.time).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z$/);
    }
    const stamps = verified.map((b) => b.timestamp);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(stamps.length).toBe(new Set(stamps).size);
  });

  it('the scoped histogram covers exactly April-June 2019, with per_page 10 and interval month by default', async () => {
    const body = histogramResponseSchema.parse((await call(emulator, REFERENCE_URLS[6])).json());
    expect(body.reports.verified_tokens.map((b) => b.time)).toEqual([
      '2019-04-01T00:00:00.000Z',
      '2019-05-01T00:00:00.000Z',
      '2019-06-01T00:00:00.000Z',
    ]);
  });

  it('page and per_page slice the histogram buckets (page 1 = oldest)', async () => {
    const base = REFERENCE_URLS[1].replace('&page=1&per_page=10', '');
    const all = histogramResponseSchema.parse((await call(emulator, `${base}&per_page=100`)).json()).reports
      .users_added;
    const page2 = histogramResponseSchema.parse((await call(emulator, `${base}&page=2&per_page=10`)).json()).reports
      .users_added;
    expect(all.length).toBeGreaterThan(20);
    expect(page2).toEqual(all.slice(10, 20));
  });

  it('terms are sorted by count descending, at most size (default 10) of them', async () => {
    for (const url of [REFERENCE_URLS[2], REFERENCE_URLS[7], REFERENCE_URLS[8]]) {
      const { terms } = termsResponseSchema.parse((await call(emulator, url)).json());
      expect(terms.length).toBeLessThanOrEqual(10);
      const counts = terms.map((t) => t.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    }
    const { terms } = termsResponseSchema.parse((await call(emulator, `${REFERENCE_URLS[2]}&size=100`)).json());
    expect(terms.map((t) => t.key)).toContain('token_invalid');
    expect(terms.length).toBeGreaterThan(10);
    expect(params(REFERENCE_URLS[2]).get('size')).toBeNull();
  });
});

describe('attribute names as real clients write them', () => {
  const body = async (url: string) => {
    const res = await call(emulator, url);
    expect(res.status).toBe(200);
    return res.json();
  };

  // Authy's sample scripts scope histograms to a country as `objects.phone_verification.country_code`.
  it.each([
    'objects.phone_verification.country_code',
    'phone_verification.country_code',
    'objects.phone_verification.s_country_code',
  ])('scope[%s][eq]=<code> counts what s_country_code counts, on every endpoint', async (attribute) => {
    const reference = 'objects.phone_verification.s_country_code';
    const histogram = (attr: string) =>
      `/protected/json/reporting/date_histogram?scope[${attr}][eq]=1&interval=month&per_page=100` +
      '&report[started][event][eq]=phone_verification_started&report[valid][event][eq]=phone_verification_code_is_valid';
    const terms = (attr: string) => `/protected/json/reporting/terms?field=event&size=100&scope[${attr}][eq]=1`;
    const events = (attr: string) => `/protected/json/reporting/events?query[${attr}][eq]=1&per_page=100&page=2`;

    const expected = histogramResponseSchema.parse(await body(histogram(reference)));
    expect(expected.reports.started.reduce((n, b) => n + b.count, 0)).toBeGreaterThan(0);
    expect(await body(histogram(attribute))).toEqual(expected);
    const expectedTerms = termsResponseSchema.parse(await body(terms(reference)));
    expect(expectedTerms.terms.length).toBeGreaterThan(0);
    expect(await body(terms(attribute))).toEqual(expectedTerms);
    const expectedEvents = eventsResponseSchema.parse(await body(events(reference)));
    expect(expectedEvents.events).toHaveLength(100);
    expect(await body(events(attribute))).toEqual(expectedEvents);
  });

  it('a field named without its prefix is also a terms field', async () => {
    const expected = termsResponseSchema.parse(
      await body('/protected/json/reporting/terms?field=objects.phone_verification.s_country_code&size=100'),
    );
    expect(expected.terms.length).toBeGreaterThan(10);
    expect(
      await body('/protected/json/reporting/terms?field=objects.phone_verification.country_code&size=100'),
    ).toEqual(expected);
  });
});
