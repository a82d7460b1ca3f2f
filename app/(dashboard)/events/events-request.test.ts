import { describe, expect, it } from 'vitest';
import { eventsKeys } from '@/lib/queries/events';
import { eventsSearch, withTimeWindow } from '@/lib/queries/request-search';

const tokenInvalid = { attribute: 'event', operator: 'eq' as const, value: 'token_invalid' };

describe('events request', () => {
  it('sends a preset range for the server to resolve', () => {
    const search = eventsSearch({
      time: { kind: 'preset', range: '7d' },
      conditions: [tokenInvalid],
      page: 2,
      perPage: 25,
    });
    expect(search.toString()).toBe('query%5Bevent%5D%5Beq%5D=token_invalid&page=2&per_page=25&range=7d');
  });

  it('lets a time filter replace a preset range, which the server refuses beside it', () => {
    const search = eventsSearch({
      time: { kind: 'preset', range: '30d' },
      conditions: [{ attribute: 'time', operator: 'gte', value: '2024-01-01T00:00:00Z' }],
      page: 1,
      perPage: 50,
    });
    expect(search.has('range')).toBe(false);
    expect(search.get('query[time][gte]')).toBe('2024-01-01T00:00:00Z');
  });

  it('sends an absolute range as time bounds', () => {
    const search = eventsSearch({
      time: { kind: 'absolute', from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' },
      conditions: [],
      page: 1,
      perPage: 50,
    });
    expect(search.get('query[time][gte]')).toBe('2024-01-01T00:00:00.000Z');
    expect(search.get('query[time][lt]')).toBe('2024-02-01T00:00:00.000Z');
    expect(search.has('range')).toBe(false);
  });

  it('intersects a time filter with the absolute range instead of repeating the key', () => {
    const window = { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' };
    expect(
      withTimeWindow(
        [
          { attribute: 'time', operator: 'gte', value: '2024-01-15T00:00:00Z' },
          { attribute: 'time', operator: 'lt', value: '2024-03-01T00:00:00Z' },
          tokenInvalid,
        ],
        window,
      ),
    ).toEqual([
      tokenInvalid,
      { attribute: 'time', operator: 'gte', value: '2024-01-15T00:00:00Z' },
      { attribute: 'time', operator: 'lt', value: '2024-02-01T00:00:00.000Z' },
    ]);
  });

  it('keys hold every parameter and ignore filter order', () => {
    const a = { attribute: 'objects.user.s_country_code', operator: 'eq' as const, value: '1' };
    const base = { time: { kind: 'preset' as const, range: '30d' as const }, page: 1, perPage: 50 };
    expect(eventsKeys.list({ ...base, conditions: [tokenInvalid, a] })).toEqual(
      eventsKeys.list({ ...base, conditions: [a, tokenInvalid] }),
    );
    expect(eventsKeys.list({ ...base, conditions: [] })).not.toEqual(
      eventsKeys.list({ ...base, page: 2, conditions: [] }),
    );
    expect(eventsKeys.list({ ...base, conditions: [] }).slice(0, 2)).toEqual(['events', 'list']);
  });
});
