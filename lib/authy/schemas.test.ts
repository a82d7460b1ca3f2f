import { describe, expect, it } from 'vitest';
import {
  canonicalKey,
  encodeHistogramQuery,
  eventsQuerySchema,
  firstParamIssue,
  histogramQuerySchema,
  termsQuerySchema,
} from './schemas';

const entries = (qs: string) => [...new URLSearchParams(qs)];

describe('events query schema', () => {
  it('decodes the reference example with defaults made explicit', () => {
    const result = eventsQuerySchema().parse(
      entries('query[event][eq]=one_touch_request_responded&query[objects.device.s_device_type][eq]=iphone'),
    );
    expect(result).toEqual({
      query: [
        { attribute: 'event', operator: 'eq', value: 'one_touch_request_responded' },
        { attribute: 'objects.device.s_device_type', operator: 'eq', value: 'iphone' },
      ],
      page: 1,
      per_page: 50,
    });
  });

  it.each([
    ['query[event][nope]=x', 'query[event][nope]', /unknown operator/],
    ['per_page=101', 'per_page', /at most 100/],
    ['page=0', 'page', /at least 1/],
    ['page=abc', 'page', /whole number/],
    ['query[event]=x', 'query[event]', /malformed/],
    ['query[time][gte]=yesterday', 'query[time][gte]', /ISO 8601/],
    [
      'query[objects.onetouch_request.i_seconds_to_expire][gt]=soon',
      'query[objects.onetouch_request.i_seconds_to_expire][gt]',
      /integer/,
    ],
    ['query[event][eq]=a&query[event][eq]=b', 'query[event][eq]', /more than once/],
    ['query[bad attr][eq]=a', 'query[bad attr][eq]', /attribute path/],
    ['foo=1', 'foo', /unknown parameter/],
    ['query[event[eq]=x', 'query[event[eq]', /malformed parameter name query\[event\[eq\]: expected query/],
    ['query[event][eq=x', 'query[event][eq', /malformed/],
    ['query]event[eq]=x', 'query]event[eq]', /malformed/],
  ])('rejects %s naming %s', (qs, field, message) => {
    const result = eventsQuerySchema().safeParse(entries(qs));
    expect(result.success).toBe(false);
    if (!result.success) {
      const issue = firstParamIssue(result.error);
      expect(issue.field).toBe(field);
      expect(issue.message).toMatch(message);
    }
  });
});

describe('histogram query schema', () => {
  it('groups several conditions per report and defaults the interval to month', () => {
    const q = histogramQuerySchema().parse(
      entries(
        'report[a][event][eq]=token_verified&report[a][objects.user.s_country_code][eq]=55&report[b][event][eq]=token_invalid',
      ),
    );
    expect(q.interval).toBe('month');
    expect(q.reports.map((r) => [r.name, r.conditions.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('requires a report and names it', () => {
    const result = histogramQuerySchema().safeParse(entries('interval=day'));
    expect(result.success).toBe(false);
    if (!result.success) expect(firstParamIssue(result.error)).toMatchObject({ field: 'report', missing: true });
  });

  it('rejects an unknown interval by name', () => {
    const result = histogramQuerySchema().safeParse(entries('report[a][event][eq]=x&interval=fortnight'));
    expect(result.success).toBe(false);
    if (!result.success) expect(firstParamIssue(result.error).field).toBe('interval');
  });

  it('gives equal queries written differently the same canonical key', () => {
    const a = histogramQuerySchema().parse(entries('report[b][event][eq]=y&report[a][event][eq]=x&interval=month'));
    const b = histogramQuerySchema().parse(entries('report[a][event][eq]=x&page=1&report[b][event][eq]=y'));
    expect(canonicalKey({ endpoint: 'date_histogram', params: a })).toBe(
      canonicalKey({ endpoint: 'date_histogram', params: b }),
    );
    expect(encodeHistogramQuery(a).get('per_page')).toBe('50');
  });
});

describe('terms query schema', () => {
  it('requires field', () => {
    const result = termsQuerySchema().safeParse(entries('size=5'));
    expect(result.success).toBe(false);
    if (!result.success) expect(firstParamIssue(result.error)).toMatchObject({ field: 'field', missing: true });
  });

  it('accepts the reference MAU query', () => {
    const q = termsQuerySchema().parse(
      entries(
        'field=objects.user.s_authy_id&scope[time][gte]=2019-11-01T00:00:00.000Z&scope[time][lt]=2019-12-01T00:00:00.000Z',
      ),
    );
    expect(q).toMatchObject({ field: 'objects.user.s_authy_id', size: 10 });
    expect(q.scope).toHaveLength(2);
  });

  it('ignores unknown parameters when asked to, as the upstream does', () => {
    expect(termsQuerySchema({ ignoreUnknown: true }).safeParse(entries('field=event&x=1&x[y=2')).success).toBe(true);
  });

  it('never ignores a known parameter whose brackets do not parse, even when ignoring unknown ones', () => {
    for (const [schema, qs, field] of [
      [eventsQuerySchema({ ignoreUnknown: true }), 'query[event[eq]=x', 'query[event[eq]'],
      [termsQuerySchema({ ignoreUnknown: true }), 'field=event&scope[time][gte=2020-01-01', 'scope[time][gte'],
      [histogramQuerySchema({ ignoreUnknown: true }), 'report[a][event]=x', 'report[a][event]'],
      [
        histogramQuerySchema({ ignoreUnknown: true }),
        'report[a][event][eq]=x&report[b[event][eq]=y',
        'report[b[event][eq]',
      ],
    ] as const) {
      const result = schema.safeParse(entries(qs));
      expect(result.success, qs).toBe(false);
      if (!result.success) expect(firstParamIssue(result.error).field).toBe(field);
    }
  });
});
