import { describe, expect, it } from 'vitest';
import {
  REFERENCE_EXAMPLES,
  REFERENCE_SNIPPETS,
  SAMPLE_SCRIPT_REQUESTS,
  exampleUrl,
} from '@/test/support/authy-example-requests';
import { importQuery } from './import-query';
import type { ImportedView } from './types';

const NOW = Date.parse('2026-03-10T12:34:56.000Z');
const eq = (attribute: string, value: string) => ({ attribute, operator: 'eq' as const, value });
const window = (from: string, to: string) => ({ kind: 'absolute' as const, from, to });
const last90 = { kind: 'preset' as const, range: '90d' as const };

/** The view that answers each example, in the reference's order. */
const REFERENCE_VIEWS: ImportedView[] = [
  {
    page: '/events',
    conditions: [eq('event', 'one_touch_request_responded'), eq('objects.device.s_device_type', 'iphone')],
    time: last90,
    pageNumber: 1,
    perPage: 50,
  },
  {
    page: '/histogram',
    series: [{ name: 'users_added', conditions: [eq('event', 'user_added')] }],
    scope: [],
    time: last90,
    interval: 'month',
  },
  {
    page: '/terms',
    scope: [],
    field: 'event',
    time: window('2019-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'),
  },
  {
    page: '/events',
    conditions: [],
    time: window('2019-12-17T00:00:00.000Z', '2019-12-18T00:00:00.000Z'),
  },
  {
    page: '/events',
    conditions: [],
    time: window('2019-04-01T00:00:00.000Z', '2019-07-01T00:00:00.000Z'),
    pageNumber: 1,
    perPage: 25,
  },
  {
    page: '/histogram',
    series: [
      { name: 'verified_tokens', conditions: [eq('event', 'token_verified')] },
      { name: 'invalid_tokens', conditions: [eq('event', 'token_invalid')] },
    ],
    scope: [],
    time: last90,
    interval: 'month',
  },
  {
    page: '/histogram',
    series: [{ name: 'verified_tokens', conditions: [eq('event', 'token_verified')] }],
    scope: [],
    time: window('2019-04-01T00:00:00.000Z', '2019-07-01T00:00:00.000Z'),
    interval: 'month',
  },
  {
    page: '/terms',
    scope: [],
    field: 'objects.user.s_authy_id',
    time: window('2019-11-01T00:00:00.000Z', '2019-12-01T00:00:00.000Z'),
  },
  {
    page: '/terms',
    scope: [],
    field: 'objects.device.s_device_type',
    time: window('2019-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'),
  },
];

const COUNTRY = eq('objects.phone_verification.country_code', '1');
const YEAR_2017 = window('2017-01-01T00:00:00.000Z', '2018-01-01T00:00:00.000Z');

const SAMPLE_VIEWS: ImportedView[] = [
  { page: '/events', conditions: [], time: YEAR_2017, pageNumber: 1, perPage: 100 },
  {
    page: '/events',
    conditions: [
      { attribute: 'event', operator: 'gte', value: 'phone_verification_' },
      { attribute: 'event', operator: 'lt', value: 'q' },
    ],
    time: YEAR_2017,
  },
  {
    page: '/histogram',
    series: [{ name: 'phone_verification_started', conditions: [eq('event', 'phone_verification_started')] }],
    scope: [COUNTRY],
    interval: 'hour',
    time: { kind: 'preset', range: '90d' },
  },
  {
    page: '/histogram',
    series: [{ name: 'phone_verification_started', conditions: [eq('event', 'phone_verification_started')] }],
    scope: [COUNTRY],
    interval: 'minute',
    time: { kind: 'preset', range: '7d' },
  },
  {
    page: '/histogram',
    series: [
      { name: 'phone_verification_code_is_valid', conditions: [eq('event', 'phone_verification_code_is_valid')] },
    ],
    scope: [COUNTRY],
    interval: 'hour',
    time: { kind: 'preset', range: '90d' },
  },
  {
    page: '/histogram',
    series: [
      { name: 'phone_verification_started', conditions: [eq('event', 'phone_verification_started')] },
      { name: 'phone_verification_code_is_invalid', conditions: [eq('event', 'phone_verification_code_is_invalid')] },
      { name: 'phone_verification_code_is_valid', conditions: [eq('event', 'phone_verification_code_is_valid')] },
    ],
    scope: [],
    interval: 'day',
    // From 2017 to now (to the minute of the import): 3,355 days, within the 10,000 buckets a view draws.
    time: window('2017-01-01T00:00:00.000Z', '2026-03-10T12:35:00.000Z'),
  },
];

describe('every example request of the reference imports to the view that answers it', () => {
  it.each(REFERENCE_EXAMPLES.map((example, i) => [example.title, example, REFERENCE_VIEWS[i]] as const))(
    '%s',
    (_title, example, view) => {
      for (const pasted of [example.curl, exampleUrl(example).toString(), exampleUrl(example).search.slice(1)]) {
        const result = importQuery(pasted, '/events', NOW);
        expect(result.problems).toEqual([]);
        expect(result.view).toEqual(view);
      }
    },
  );

  it.each(REFERENCE_SNIPPETS)('the query-format snippet %s is an events query', (snippet) => {
    const result = importQuery(snippet, '/histogram', NOW);
    expect(result.problems).toEqual([]);
    expect(result.endpoint).toBe('events');
    expect(result.view?.page).toBe('/events');
  });
});

describe("Authy's sample scripts import to the view that answers them", () => {
  it.each(SAMPLE_SCRIPT_REQUESTS.map((request, i) => [request.title, request, SAMPLE_VIEWS[i]] as const))(
    '%s',
    (_title, request, view) => {
      const result = importQuery(request.curl, '/terms', NOW);
      expect(result.problems).toEqual([]);
      expect(result.view).toEqual(view);
    },
  );

  it('says what it understood, what it set aside and why', () => {
    const result = importQuery(SAMPLE_SCRIPT_REQUESTS[1].curl, '/events', NOW);
    expect(result.understood).toEqual([
      { label: 'Request', value: 'a curl command for events (JSON)' },
      { label: 'Condition', value: 'event at least phone_verification_' },
      { label: 'Condition', value: 'event less than q' },
      {
        label: 'Time window',
        value:
          '2017-01-01T00:00:00.000Z to 2018-01-01T00:00:00.000Z (end excluded), from query[time][gte]=2017-01-01T00:00:00.000Z and query[time][lte]=2017-12-31T23:59:59.999Z',
      },
    ]);
    expect(result.notes).toEqual([
      'Only the curl command was read; "| underscore print --outfmt pretty" after it does not change the query.',
      'The X-Authy-API-Key header is not used or kept: the dashboard calls the API with its own key.',
    ]);
  });

  it('names the narrowing of a per-minute histogram and the paging it does not need', () => {
    const result = importQuery(SAMPLE_SCRIPT_REQUESTS[3].curl, '/histogram', NOW);
    expect(result.understood).toContainEqual({ label: 'Interval', value: 'minute' });
    expect(result.notes).toContainEqual(expect.stringMatching(/^page=1 and per_page=50 page through the buckets/));
    expect(result.notes).toContainEqual(
      expect.stringMatching(/minute buckets are more than the 10000 .* so the view opens on the last 7 days/),
    );
  });

  it('names the shell variables of a script pasted as it is', () => {
    const result = importQuery(
      'curl -g "https://api.authy.com/protected/json/reporting/events?query[time][gte]=$REPORTING_DATE_BEGIN&page=${REPORTING_PAGE}"',
      '/events',
      NOW,
    );
    expect(result.problems.map((p) => p.subject)).toEqual(['$REPORTING_DATE_BEGIN', '${REPORTING_PAGE}']);
  });
});

describe('what does not fit is named, never dropped', () => {
  const subjects = (text: string, page: '/events' | '/histogram' | '/terms' = '/events') =>
    importQuery(text, page, NOW).problems.map((p) => p.subject);

  it('an unknown operator, a malformed bracket and an unknown parameter, each at its key', () => {
    const result = importQuery('query[event][ne]=token_invalid&query[event=x&foo=1&per_page=500', '/events', NOW);
    expect(result.problems).toEqual([
      { subject: 'query[event][ne]', message: expect.stringMatching(/unknown operator "ne"/) },
      { subject: 'query[event', message: 'query[event is not a well-formed name: its brackets do not pair up.' },
      {
        subject: 'foo',
        message: 'foo is not a parameter of events requests, which take query[attribute][operator], page and per_page.',
      },
      { subject: 'per_page', message: 'per_page must be at most 100' },
    ]);
  });

  it('parameters of another endpoint than the path says', () => {
    expect(subjects('https://api.authy.com/protected/json/reporting/terms?field=event&query[event][eq]=x')).toEqual([
      'query[event][eq]',
    ]);
  });

  it('a request for another page opens there', () => {
    const result = importQuery(REFERENCE_EXAMPLES[1].curl, '/events', NOW);
    expect(result.problems).toEqual([]);
    expect(result.view?.page).toBe('/histogram');
  });

  it('a histogram without a report, terms without a field', () => {
    expect(subjects('interval=day&scope[event][eq]=x', '/histogram')).toEqual(['report']);
    expect(subjects('size=5', '/terms')).toEqual(['field']);
  });

  it('a path that is not a Reporting API endpoint, or a format it does not answer', () => {
    expect(subjects('https://api.authy.com/protected/json/reporting/users?x=1')).toEqual(['endpoint']);
    expect(subjects('https://api.authy.com/protected/csv/reporting/events')).toEqual(['format']);
    expect(subjects('https://api.authy.com/protected/json/users/1/status')).toEqual(['URL']);
  });

  it('time conditions that select nothing, or are not bounds', () => {
    expect(subjects('query[time][gte]=2020-01-02&query[time][lt]=2020-01-01')).toEqual(['query[time]']);
    expect(subjects('query[time][lk]=2020-01-01')).toEqual(['query[time][lk]']);
  });

  it('a bare scope that fits a histogram and terms alike, from the events page', () => {
    const result = importQuery('scope[objects.user.s_country_code][eq]=1', '/events', NOW);
    expect(result.view).toBeNull();
    expect(result.problems[0].message).toMatch(/date_histogram \(Histogram page\) and terms \(Terms page\)/);
  });

  it('a query string mixing two requests', () => {
    const result = importQuery('field=event&query[event][eq]=token_invalid', '/histogram', NOW);
    expect(result.view).toBeNull();
    expect(result.problems[0].message).toMatch(/^No one request takes all of these/);
  });

  it('text that is no request at all', () => {
    expect(subjects('show me the invalid tokens')).toEqual(['paste']);
    expect(subjects('   ')).toEqual(['paste']);
  });
});

describe('a bare query string takes the endpoint its parameters belong to', () => {
  it.each([
    ['report[a][event][eq]=user_added', '/events', 'date_histogram'],
    ['field=event', '/histogram', 'terms'],
    ['query[event][eq]=token_invalid', '/terms', 'events'],
    ['scope[event][eq]=user_added&field=event', '/events', 'terms'],
    ['page=2', '/histogram', 'date_histogram'],
    ['?query[event][eq]=token_invalid', '/events', 'events'],
  ] as const)('%s on %s: %s', (text, page, endpoint) => {
    expect(importQuery(text, page, NOW).endpoint).toBe(endpoint);
  });
});
