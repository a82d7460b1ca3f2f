import { describe, expect, it } from 'vitest';
import type { Condition } from '@/lib/authy/bracket-codec';
import { eventsPaging } from './events-paging';
import { fitBuckets } from './fit-buckets';
import { readTimeWindow } from './time-window';

const NOW = Date.parse('2026-03-10T12:34:56.000Z');
const time = (operator: Condition['operator'], value: string): Condition => ({ attribute: 'time', operator, value });

describe('readTimeWindow', () => {
  it('turns inclusive and exclusive bounds into the same [from, to) to the millisecond', () => {
    const inclusive = readTimeWindow(
      [time('gt', '2019-12-16T23:59:59.999Z'), time('lte', '2019-12-17T23:59:59.999Z')],
      'query',
      NOW,
    );
    expect(inclusive.time).toEqual({
      kind: 'absolute',
      from: '2019-12-17T00:00:00.000Z',
      to: '2019-12-18T00:00:00.000Z',
    });
    expect(readTimeWindow([time('eq', '2019-12-17T10:00:00.000Z')], 'query', NOW).time).toEqual({
      kind: 'absolute',
      from: '2019-12-17T10:00:00.000Z',
      to: '2019-12-17T10:00:00.001Z',
    });
  });

  it('keeps the tighter of two bounds on the same side', () => {
    const reading = readTimeWindow(
      [time('gte', '2020-01-01'), time('gt', '2020-01-05'), time('lt', '2020-02-01'), time('lte', '2020-01-20')],
      'scope',
      NOW,
    );
    expect(reading.time).toEqual({
      kind: 'absolute',
      from: '2020-01-05T00:00:00.001Z',
      to: '2020-01-20T00:00:00.001Z',
    });
  });

  it('ends an open window at the minute of the import, and starts one 90 days before its end', () => {
    expect(readTimeWindow([time('gte', '2026-03-01T00:00:00Z')], 'scope', NOW)).toMatchObject({
      time: { kind: 'absolute', from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T12:35:00.000Z' },
      described: expect.stringMatching(/no end given: up to the time of the import$/),
    });
    expect(readTimeWindow([time('lt', '2026-03-01T00:00:00Z')], 'scope', NOW).time).toEqual({
      kind: 'absolute',
      from: '2025-12-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
  });

  it('has nothing to say without time conditions', () => {
    expect(readTimeWindow([], 'query', NOW)).toEqual({ time: null, described: null, problems: [] });
  });
});

describe('eventsPaging', () => {
  it.each([
    [1, 50, 1, 50],
    [3, 100, 3, 100],
    [2, 5, 1, 25],
    [6, 5, 2, 25],
    [2, 30, 1, 100],
    [5, 30, 3, 50],
    [1, 10, 1, 25],
  ])('API page %i of %i is on page %i of %i', (page, perPage, pageNumber, size) => {
    expect(eventsPaging(page, perPage)).toMatchObject({ pageNumber, perPage: size });
  });

  it('says where an API page that no page size holds whole begins', () => {
    // Events 91-120: page 1 of 100 has 91-100, page 2 the rest.
    expect(eventsPaging(4, 30)).toMatchObject({ pageNumber: 2, perPage: 50 });
    expect(eventsPaging(31, 3)).toMatchObject({ pageNumber: 4, perPage: 25 });
    expect(eventsPaging(34, 3).note).toMatch(
      /starts the API's page 34 of 3 \(events 100–102, newest first\); the rest/,
    );
  });
});

describe('fitBuckets', () => {
  it('leaves a window the histogram can draw', () => {
    expect(fitBuckets({ kind: 'preset', range: '90d' }, 'day', NOW)).toEqual({
      time: { kind: 'preset', range: '90d' },
      note: null,
    });
  });

  it('opens a relative window too fine for its interval on the longest preset that fits', () => {
    // A view draws at most 10,000 buckets (one query's reach): 90 days of 5 minutes are 25,920.
    expect(fitBuckets({ kind: 'preset', range: '90d' }, '5m', NOW).time).toEqual({ kind: 'preset', range: '30d' });
    expect(fitBuckets({ kind: 'preset', range: '90d' }, 'minute', NOW).time).toEqual({ kind: 'preset', range: '7d' });
    expect(fitBuckets({ kind: 'preset', range: '90d' }, 'hour', NOW).time).toEqual({ kind: 'preset', range: '90d' });
  });

  it('keeps the latest 10,000 buckets of an absolute window', () => {
    const fitted = fitBuckets(
      { kind: 'absolute', from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
      'minute',
      NOW,
    );
    expect(fitted.time).toEqual({ kind: 'absolute', from: '2026-02-22T01:20:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(fitted.note).toMatch(/the latest 10000, from 2026-02-22T01:20:00.000Z/);
  });
});
