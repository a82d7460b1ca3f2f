import { describe, expect, it } from 'vitest';
import { DEFAULT_SERIES, histogramSearchParamsCache, parseSeries, serializeSeries } from './search-params';

describe('series parameter', () => {
  it('reads named series with their conditions', () => {
    expect(
      parseSeries(
        'ok:event~eq~token_verified;push:event~eq~one_touch_request_responded,objects.onetouch_request.s_status~eq~denied',
      ),
    ).toEqual([
      { name: 'ok', conditions: [{ attribute: 'event', operator: 'eq', value: 'token_verified' }] },
      {
        name: 'push',
        conditions: [
          { attribute: 'event', operator: 'eq', value: 'one_touch_request_responded' },
          { attribute: 'objects.onetouch_request.s_status', operator: 'eq', value: 'denied' },
        ],
      },
    ]);
  });

  it('round-trips values with the separators in them', () => {
    const series = [
      { name: 'odd', conditions: [{ attribute: 'objects.app.s_name', operator: 'lk' as const, value: 'a;b:c,d~e%f' }] },
    ];
    expect(parseSeries(serializeSeries(series))).toEqual(series);
  });

  it.each([
    ['no colon', 'verified'],
    ['bad name', 'bad name:event~eq~token_verified'],
    ['duplicate name', 'a:event~eq~x;a:event~eq~y'],
    ['no conditions', 'a:'],
    ['bad operator', 'a:event~is~x'],
    ['bad attribute', 'a:1event~eq~x'],
    ['bad integer value', 'a:objects.onetouch_request.i_seconds_to_expire~gt~soon'],
  ])('refuses %s', (_, value) => {
    expect(parseSeries(value)).toBeNull();
  });

  it('refuses more than 20 series', () => {
    const many = Array.from({ length: 21 }, (_, i) => `s${i}:event~eq~user_added`).join(';');
    expect(parseSeries(many)).toBeNull();
  });
});

describe('histogram URL', () => {
  it('falls back to defaults for invalid values, on the server as on the client', () => {
    const parsed = histogramSearchParamsCache.parse({
      s: 'broken',
      interval: 'fortnight',
      view: 'pie',
      f: 'event~eq~token_invalid',
      range: '7d',
    });
    expect(parsed.s).toEqual(DEFAULT_SERIES);
    expect(parsed.interval).toBeNull();
    expect(parsed.view).toBe('chart');
    expect(parsed.range).toBe('7d');
    expect(parsed.f).toEqual([{ attribute: 'event', operator: 'eq', value: 'token_invalid' }]);
  });
});
