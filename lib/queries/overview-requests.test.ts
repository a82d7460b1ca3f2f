import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStartsBetween, parseInterval, type Interval } from '@/lib/authy/interval';
import { RANGE_PRESETS } from '@/lib/ranges';
import { alignPeriods, overviewRequests, type OverviewView } from './overview-requests';

const NOW = Date.parse('2025-03-17T14:33:20.000Z');
const preset = (range: (typeof RANGE_PRESETS)[number], interval: string | null = null): OverviewView => ({
  time: { kind: 'preset', range },
  interval,
});

/** What the server coalesces on: interval and scope (every `scope[...]` entry). */
function histogramGroup(search: URLSearchParams): string {
  const scope = [...search].filter(([key]) => key.startsWith('scope[')).map(([k, v]) => `${k}=${v}`);
  return `${search.get('interval')}|${scope.sort().join('&')}`;
}

describe('overviewRequests', () => {
  it.each(RANGE_PRESETS)('asks one histogram group and three terms for %s', (range) => {
    const { histogram, terms } = overviewRequests(preset(range), NOW);
    expect(new Set([histogramGroup(histogram.search)]).size).toBe(1);
    expect(terms).toHaveLength(3);
    expect(terms.map((t) => t.search.get('field'))).toEqual([
      'event',
      'objects.device.s_device_type',
      'objects.user.s_country_code',
    ]);
    expect(histogram.search.has('range')).toBe(false);
    expect(histogram.search.has('page')).toBe(false);
  });

  it('carries every overview series in that one histogram', () => {
    const names = new Set(
      [...overviewRequests(preset('30d'), NOW).histogram.search.keys()]
        .filter((k) => k.startsWith('report['))
        .map((k) => k.split('][')[0]),
    );
    expect([...names].sort()).toEqual([
      'report[all_events',
      'report[approved',
      'report[denied',
      'report[invalid',
      'report[users_added',
      'report[verified',
    ]);
  });

  it.each(RANGE_PRESETS)('keeps %s under one upstream page (fewer than 100 buckets over both periods)', (range) => {
    const { plan } = overviewRequests(preset(range), NOW);
    expect(bucketStartsBetween(plan.span.from, plan.span.to, plan.parsedInterval).length).toBeLessThan(100);
  });

  it('fits the interval to the range', () => {
    const interval = (range: (typeof RANGE_PRESETS)[number]) => overviewRequests(preset(range), NOW).plan.interval;
    expect(interval('1h')).toBe('5m');
    expect(interval('24h')).toBe('hour');
    expect(interval('30d')).toBe('day');
    expect(interval('12mo')).toBe('month');
  });

  it('takes a valid interval from the URL and ignores one that would cost more calls', () => {
    expect(overviewRequests(preset('30d', 'week'), NOW).plan.interval).toBe('week');
    expect(overviewRequests(preset('30d', 'minute'), NOW).plan.interval).toBe('day');
  });

  it('sends the terms the current period and the histogram both periods', () => {
    const { plan, histogram, terms } = overviewRequests(preset('30d'), NOW);
    expect(histogram.search.get('scope[time][gte]')).toBe(new Date(plan.previous.from).toISOString());
    expect(histogram.search.get('scope[time][lt]')).toBe(new Date(plan.current.to).toISOString());
    for (const t of terms) expect(t.search.get('scope[time][gte]')).toBe(new Date(plan.current.from).toISOString());
  });

  it('gives the same requests to everyone within the same bucket (shared cache keys)', () => {
    const a = overviewRequests(preset('30d'), NOW);
    const b = overviewRequests(preset('30d'), NOW + 20 * 60_000);
    expect(b.histogram.search.toString()).toBe(a.histogram.search.toString());
  });
});

describe('alignPeriods', () => {
  const day = parseInterval('day') as Interval;

  it('makes "last 30 days" the 30 UTC days up to and including today, and the 30 before', () => {
    const { current, previous } = alignPeriods({ from: NOW - 30 * 86_400_000, to: NOW }, day);
    expect(new Date(current.to).toISOString()).toBe('2025-03-18T00:00:00.000Z');
    expect(new Date(current.from).toISOString()).toBe('2025-02-16T00:00:00.000Z');
    expect(bucketStartsBetween(current.from, current.to, day)).toHaveLength(30);
    expect(bucketStartsBetween(previous.from, previous.to, day)).toHaveLength(30);
    expect(previous.to).toBe(current.from);
  });

  it('aligns both periods to bucket boundaries for calendar months', () => {
    const month = parseInterval('month') as Interval;
    const { current, previous } = alignPeriods({ from: Date.UTC(2024, 3, 1), to: NOW }, month);
    for (const t of [current.from, current.to, previous.from]) expect(bucketStart(t, month)).toBe(t);
    expect(bucketStartsBetween(previous.from, previous.to, month)).toHaveLength(12);
  });

  it('keeps a window shorter than one bucket as that one bucket', () => {
    const { current, previous } = alignPeriods({ from: NOW - 60_000, to: NOW }, day);
    expect(current).toEqual({ from: Date.UTC(2025, 2, 17), to: Date.UTC(2025, 2, 18) });
    expect(previous).toEqual({ from: Date.UTC(2025, 2, 16), to: Date.UTC(2025, 2, 17) });
  });
});
