import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStartsBetween, type IntervalParam } from '@/lib/authy/interval';
import { RANGE_PRESETS, resolveRange } from '@/lib/ranges';
import { answeredPlan, overviewPlan, overviewRequests, type OverviewView } from './overview-requests';

const NOW = Date.parse('2025-03-17T14:33:20.000Z');
const preset = (range: (typeof RANGE_PRESETS)[number], interval: IntervalParam | null = null): OverviewView => ({
  time: { kind: 'preset', range },
  interval,
});

describe('overviewRequests', () => {
  it.each(RANGE_PRESETS)('asks one histogram of both periods and three terms for %s, as a range', (range) => {
    const { histogram, terms } = overviewRequests(preset(range), NOW);
    expect(histogram.search.get('range')).toBe(range);
    expect(histogram.search.get('compare')).toBe('previous');
    expect(histogram.search.has('scope[time][gte]')).toBe(false);
    expect(histogram.search.has('page')).toBe(false);
    expect(terms).toHaveLength(3);
    expect(terms.map((t) => t.search.get('field'))).toEqual([
      'event',
      'objects.device.s_device_type',
      'objects.user.s_country_code',
    ]);
    for (const t of terms) expect(t.search.get('range')).toBe(range);
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

  it.each(RANGE_PRESETS)('keeps %s under one upstream page and splits its periods on a bucket boundary', (range) => {
    for (let t = NOW; t < NOW + 8 * 86_400_000; t += 13 * 3_600_000 + 7 * 60_000) {
      const { plan } = overviewRequests(preset(range), t);
      expect(bucketStartsBetween(plan.span.from, plan.span.to, plan.parsedInterval).length).toBeLessThan(100);
      expect(bucketStart(plan.current.from, plan.parsedInterval)).toBe(plan.current.from);
      for (const choice of plan.choices) {
        const other = overviewRequests(preset(range, choice), t).plan;
        expect(bucketStart(other.current.from, other.parsedInterval)).toBe(other.current.from);
      }
    }
  });

  it('fits the interval to the range', () => {
    const interval = (range: (typeof RANGE_PRESETS)[number]) => overviewRequests(preset(range), NOW).plan.interval;
    expect(interval('1h')).toBe('5m');
    expect(interval('24h')).toBe('hour');
    expect(interval('7d')).toBe('6h');
    expect(interval('30d')).toBe('day');
    expect(interval('90d')).toBe('week');
    expect(interval('12mo')).toBe('month');
  });

  it('takes a valid interval from the URL and ignores one that would cost more or split a bucket', () => {
    expect(overviewRequests(preset('7d', 'day'), NOW).plan.interval).toBe('day');
    expect(overviewRequests(preset('30d', 'minute'), NOW).plan.interval).toBe('day');
    // Weeks do not start on every day: "last 30 days" would split one between the periods.
    expect(overviewRequests(preset('30d', 'week'), NOW).plan.interval).toBe('day');
  });

  it('resolves a preset to the window every page uses, ending now, compared with the same elapsed span', () => {
    const { plan } = overviewRequests(preset('30d'), NOW);
    expect(plan.current).toEqual(resolveRange('30d', NOW));
    expect(plan.current.to).toBeLessThanOrEqual(NOW);
    expect(plan.previous.to).toBe(plan.current.from);
    expect(plan.previous.to - plan.previous.from).toBe(plan.current.to - plan.current.from);
  });

  it('sends a custom window as the current period, started on its first bucket', () => {
    const view: OverviewView = {
      time: { kind: 'absolute', from: '2025-03-01T10:37:00.000Z', to: '2025-03-08T00:00:00.000Z' },
      interval: null,
    };
    const { plan, histogram, terms } = overviewRequests(view, NOW);
    expect(plan.interval).toBe('6h');
    expect(new Date(plan.current.from).toISOString()).toBe('2025-03-01T06:00:00.000Z');
    expect(histogram.search.get('scope[time][gte]')).toBe('2025-03-01T06:00:00.000Z');
    expect(histogram.search.get('compare')).toBe('previous');
    for (const t of terms) expect(t.search.get('scope[time][gte]')).toBe('2025-03-01T06:00:00.000Z');
  });

  it('gives the same requests to everyone (shared cache keys, resolved by the server)', () => {
    const a = overviewRequests(preset('30d'), NOW);
    const b = overviewRequests(preset('30d'), NOW + 20 * 60_000);
    expect(b.histogram.search.toString()).toBe(a.histogram.search.toString());
  });
});

describe('answeredPlan', () => {
  it('takes the window the server answered for and the same elapsed span before it', () => {
    const planned = overviewPlan(preset('30d'), NOW);
    const answered = answeredPlan(planned, {
      window: { from: '2025-02-16T00:00:00.000Z', to: '2025-03-17T14:35:00.000Z' },
    });
    expect(answered.current).toEqual({ from: Date.UTC(2025, 1, 16), to: Date.parse('2025-03-17T14:35:00.000Z') });
    expect(answered.previous.to).toBe(answered.current.from);
    expect(answered.span).toEqual({ from: answered.previous.from, to: answered.current.to });
  });
});
