import { describe, expect, it } from 'vitest';
import { parseInterval, type Interval } from '@/lib/authy/interval';
import { parseConditions } from '@/lib/view-params';
import { bucketSpec, eventsHref } from './drill-down';

describe('eventsHref', () => {
  it('keeps a preset relative and the filter readable', () => {
    expect(
      eventsHref({
        time: { kind: 'preset', range: '30d' },
        conditions: [{ attribute: 'event', operator: 'eq', value: 'token_invalid' }],
        utc: false,
      }),
    ).toBe('/events?range=30d&f=event~eq~token_invalid');
  });

  it('gives a bucket its own absolute window', () => {
    const day = parseInterval('day') as Interval;
    const href = eventsHref({ time: bucketSpec(Date.UTC(2025, 0, 31), day), conditions: [], utc: true });
    const url = new URL(href, 'http://x');
    expect(url.searchParams.get('from')).toBe('2025-01-31T00:00:00.000Z');
    expect(url.searchParams.get('to')).toBe('2025-02-01T00:00:00.000Z');
    expect(url.searchParams.get('utc')).toBe('true');
  });

  it('cuts a bucket to the window shown, so the open bucket ends now', () => {
    const day = parseInterval('day') as Interval;
    const now = Date.parse('2025-01-31T12:05:00.000Z');
    const spec = bucketSpec(Date.UTC(2025, 0, 31), day, { from: Date.UTC(2025, 0, 1), to: now });
    expect(spec).toEqual({ kind: 'absolute', from: '2025-01-31T00:00:00.000Z', to: '2025-01-31T12:05:00.000Z' });
  });

  it('round-trips values holding separators through the events page parser', () => {
    const conditions = [
      { attribute: 'objects.app.s_name', operator: 'eq' as const, value: 'a,b~c%d' },
      { attribute: 'objects.device.s_device_type', operator: 'eq' as const, value: 'iphone' },
    ];
    const href = eventsHref({ time: { kind: 'preset', range: '7d' }, conditions, utc: false });
    expect(parseConditions(new URL(href, 'http://x').searchParams.get('f') ?? '')).toEqual(conditions);
  });
});
