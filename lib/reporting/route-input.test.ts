import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/roles';
import {
  acceptedCostOf,
  askerOf,
  badRequest,
  eventsInputSchema,
  histogramInputSchema,
  reportingRequest,
  termsInputSchema,
} from './route-input';

const entries = (qs: string) => [...new URLSearchParams(qs)];

function issueOf(schema: typeof eventsInputSchema | typeof histogramInputSchema | typeof termsInputSchema, qs: string) {
  const result = schema.safeParse(entries(qs));
  expect(result.success).toBe(false);
  if (result.success) throw new Error('parsed');
  const error = badRequest(result.error);
  return { field: error.field, message: error.message, status: error.status };
}

describe('reporting route input', () => {
  it('accepts a query pasted from the Authy docs', () => {
    const result = eventsInputSchema.parse(
      entries(
        'query[event][eq]=one_touch_request_responded&query[objects.device.s_device_type][eq]=iphone&page=1&per_page=50',
      ),
    );
    expect(result.query.query).toHaveLength(2);
    expect(result.range).toBeUndefined();
  });

  it('takes the range preset off before parsing the upstream parameters', () => {
    expect(termsInputSchema.parse(entries('field=event&range=30d'))).toEqual({
      query: { field: 'event', size: 10, scope: [] },
      range: '30d',
    });
    expect(histogramInputSchema.parse(entries('report[a][event][eq]=user_added&interval=day&range=7d'))).toEqual({
      query: {
        reports: [{ name: 'a', conditions: [{ attribute: 'event', operator: 'eq', value: 'user_added' }] }],
        scope: [],
        interval: 'day',
      },
      range: '7d',
    });
  });

  it('takes page and per_page on a histogram as the docs send them, and the whole series without them', () => {
    const docs = 'report[users_added][event][eq]=user_added&interval=month&page=1&per_page=10';
    expect(histogramInputSchema.parse(entries(docs)).query.paging).toEqual({ page: 1, per_page: 10 });
    expect(histogramInputSchema.parse(entries('report[a][event][eq]=x&page=3')).query.paging).toEqual({
      page: 3,
      per_page: 50,
    });
    expect(histogramInputSchema.parse(entries('report[a][event][eq]=x')).query).not.toHaveProperty('paging');
  });

  it.each([
    [termsInputSchema, 'field=event&range=forever', 'range', /range must be one of/],
    [termsInputSchema, 'field=event&range=7d&range=30d', 'range', /more than once/],
    [
      termsInputSchema,
      'field=event&range=7d&scope[time][gte]=2020-01-01',
      'range',
      /cannot be combined with scope\[time\]/,
    ],
    [eventsInputSchema, 'range=7d&query[time][lt]=2020-01-01', 'range', /cannot be combined with query\[time\]/],
    [histogramInputSchema, 'report[a][event][eq]=x&page=101', 'page', /at most 100/],
    [histogramInputSchema, 'report[a][event][eq]=x&per_page=0', 'per_page', /at least 1/],
    [histogramInputSchema, 'interval=day', 'report', /at least one report/],
    [eventsInputSchema, 'foo=1', 'foo', /unknown parameter/],
    [eventsInputSchema, 'query[event][nope]=x', 'query[event][nope]', /unknown operator/],
    [termsInputSchema, 'size=5', 'field', /field/],
  ])('refuses %#: %s naming %s', (schema, qs, field, message) => {
    const issue = issueOf(schema, qs);
    expect(issue.field).toBe(field);
    expect(issue.message).toMatch(message);
    expect(issue.status).toBe(400);
  });

  it('reads X-Priority: background as an auto-refresh, anything else as the person waiting', () => {
    const ana: SessionUser = { id: 'u-ana', name: 'ana', role: 'viewer' };
    expect(askerOf(new Headers({ 'X-Priority': 'background' }), ana)).toEqual({
      priority: 'background',
      user: 'u-ana',
    });
    expect(askerOf(new Headers({ 'X-Priority': 'Background ' }), ana).priority).toBe('background');
    expect(askerOf(new Headers({ 'X-Priority': 'urgent' }), ana)).toEqual({ priority: 'interactive', user: 'u-ana' });
    expect(askerOf(new Headers(), ana).priority).toBe('interactive');
    expect(askerOf(new Headers(), ana, 'mau').priority).toBe('mau');
    expect(askerOf(new Headers({ 'X-Priority': 'background' }), ana, 'mau').priority).toBe('background');
  });
});

describe('compare and accepted cost', () => {
  it('takes compare=previous on the histogram route only', () => {
    expect(
      histogramInputSchema.parse(entries('report[a][event][eq]=user_added&interval=day&range=7d&compare=previous')),
    ).toMatchObject({ range: '7d', compare: 'previous' });
    expect(issueOf(histogramInputSchema, 'report[a][event][eq]=x&interval=day&compare=next')).toMatchObject({
      field: 'compare',
      status: 400,
    });
    expect(issueOf(termsInputSchema, 'field=event&compare=previous')).toMatchObject({ field: 'compare' });
  });

  it('reads X-Accept-Cost as a whole number of calls, and refuses anything else naming the header', () => {
    expect(acceptedCostOf(new Headers({ 'X-Accept-Cost': '14' }))).toBe(14);
    expect(acceptedCostOf(new Headers())).toBeUndefined();
    for (const bad of ['lots', '-1', '2.5']) {
      expect(() => acceptedCostOf(new Headers({ 'X-Accept-Cost': bad }))).toThrow(
        expect.objectContaining({ code: 'bad_request', field: 'X-Accept-Cost' }),
      );
    }
  });

  it('builds the request a route hands the service, with its range, comparison and accepted cost', () => {
    expect(
      reportingRequest('date_histogram', entries('report[a][event][eq]=x&interval=day&range=30d&compare=previous'), {
        acceptedCost: 3,
      }),
    ).toMatchObject({ endpoint: 'date_histogram', options: { range: '30d', compare: 'previous', acceptedCost: 3 } });
    expect(() => reportingRequest('terms', entries('size=7'))).toThrow(expect.objectContaining({ field: 'field' }));
  });
});
