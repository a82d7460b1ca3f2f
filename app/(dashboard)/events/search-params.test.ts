import { describe, expect, it } from 'vitest';
import { createSerializer } from 'nuqs/server';
import { eventsSearchParams, eventsSearchParamsCache, parsePage, withPageReset } from './search-params';

describe('page', () => {
  it('reads whole numbers within 1-100', () => {
    expect(parsePage('1')).toBe(1);
    expect(parsePage('42')).toBe(42);
    expect(parsePage('100')).toBe(100);
  });

  it('clamps numbers outside the API range', () => {
    expect(parsePage('0')).toBe(1);
    expect(parsePage('101')).toBe(100);
    expect(parsePage('999999999')).toBe(100);
  });

  it('rejects anything else, so the default applies', () => {
    for (const bad of ['', '-1', '1.5', 'two', '1e3', ' 3', '0x10', '1234567890']) expect(parsePage(bad)).toBeNull();
  });
});

describe('events URL', () => {
  const parse = (query: Record<string, string>) => eventsSearchParamsCache.parse(Promise.resolve(query));

  it('has the documented defaults', async () => {
    const params = await parse({});
    expect(params).toMatchObject({
      range: '30d',
      from: null,
      to: null,
      utc: false,
      refresh: 'off',
      f: [],
      page: 1,
      per_page: 50,
    });
  });

  it('accepts only 25, 50 or 100 per page', async () => {
    expect((await parse({ per_page: '25' })).per_page).toBe(25);
    expect((await parse({ per_page: '100' })).per_page).toBe(100);
    expect((await parse({ per_page: '10' })).per_page).toBe(50);
    expect((await parse({ per_page: '500' })).per_page).toBe(50);
  });

  it('reads filters, page and range together', async () => {
    const params = await parse({
      f: 'event~eq~token_invalid,objects.user.s_country_code~eq~1',
      page: '3',
      range: '7d',
      utc: 'true',
    });
    expect(params.f).toEqual([
      { attribute: 'event', operator: 'eq', value: 'token_invalid' },
      { attribute: 'objects.user.s_country_code', operator: 'eq', value: '1' },
    ]);
    expect(params).toMatchObject({ page: 3, range: '7d', utc: true });
  });

  it('drops an invalid filter list instead of sending it', async () => {
    expect((await parse({ f: 'time~gte~yesterday' })).f).toEqual([]);
  });

  it('writes a view back to the same URL it was read from', async () => {
    const serialize = createSerializer(eventsSearchParams);
    const url = serialize('/events', {
      f: [{ attribute: 'event', operator: 'eq', value: 'token_invalid' }],
      page: 2,
      per_page: 100,
    });
    expect(url).toBe('/events?f=event~eq~token_invalid&page=2&per_page=100');
    expect(serialize('/events', { page: 1, per_page: 50, range: '30d' })).toBe('/events');
  });
});

describe('withPageReset', () => {
  it('goes back to page 1 when the filters, range or page size change', () => {
    expect(withPageReset({ f: [] })).toEqual({ f: [], page: null });
    expect(withPageReset({ range: '7d', from: null, to: null })).toEqual({
      range: '7d',
      from: null,
      to: null,
      page: null,
    });
    expect(withPageReset({ per_page: 100 })).toEqual({ per_page: 100, page: null });
  });

  it('keeps the page for display-only changes and paging itself', () => {
    expect(withPageReset({ utc: true })).toEqual({ utc: true });
    expect(withPageReset({ refresh: '5m' })).toEqual({ refresh: '5m' });
    expect(withPageReset({ page: 4 })).toEqual({ page: 4 });
  });
});
