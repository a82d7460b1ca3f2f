import { describe, expect, it } from 'vitest';
import type { TermsResponse } from '../authy/responses';
import { readTermsValue, sharedTermsQuery, termsReadableFrom, topTerms } from './terms-sharing';

const WINDOW = [
  { attribute: 'time', operator: 'gte' as const, value: '2020-01-01T00:00:00.000Z' },
  { attribute: 'time', operator: 'lt' as const, value: '2020-01-08T00:00:00.000Z' },
];
const answer = (n: number): TermsResponse => ({
  terms: Array.from({ length: n }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, count: 1_000 - i })),
  success: true,
});

describe('terms sharing', () => {
  it('asks the upstream at its largest size and cuts the top asked for', () => {
    expect(sharedTermsQuery({ field: 'event', size: 7, scope: WINDOW })).toEqual({
      field: 'event',
      size: 100,
      scope: WINDOW,
    });
    expect(topTerms(answer(30), 10).terms.map((t) => t.key)).toEqual(answer(10).terms.map((t) => t.key));
    expect(topTerms(answer(4), 10)).toEqual(answer(4));
  });

  it('reads a question filtered on the value it counts from the unfiltered one for the same window', () => {
    const query = {
      field: 'objects.device.s_device_type',
      size: 10,
      scope: [...WINDOW, { attribute: 'objects.device.s_device_type', operator: 'eq' as const, value: 'android' }],
    };
    expect(termsReadableFrom(query)).toEqual({
      from: { field: 'objects.device.s_device_type', size: 100, scope: WINDOW },
      value: 'android',
    });
    expect(
      termsReadableFrom({ field: 'event', size: 5, scope: [{ attribute: 'event', operator: 'eq', value: 'x' }] }),
    ).toMatchObject({ value: 'x', from: { scope: [] } });
  });

  it('reads nothing it cannot read exactly', () => {
    const on = (field: string, attribute: string, operator: 'eq' | 'lk' = 'eq') =>
      termsReadableFrom({ field, size: 10, scope: [...WINDOW, { attribute, operator, value: 'a' }] });
    // An array field's eq means "contains": those events count their other elements too.
    expect(on('objects.device.as_tags', 'objects.device.as_tags')).toBeNull();
    expect(on('event', 'objects.device.s_device_type')).toBeNull();
    expect(on('event', 'event', 'lk')).toBeNull();
    expect(termsReadableFrom({ field: 'event', size: 10, scope: WINDOW })).toBeNull();
    expect(
      termsReadableFrom({
        field: 'event',
        size: 10,
        scope: [
          { attribute: 'event', operator: 'eq', value: 'a' },
          { attribute: 'objects.device.s_device_type', operator: 'eq', value: 'ios' },
        ],
      }),
    ).toBeNull();
  });

  it("reads a value's line, none when a complete answer lacks it, and gives up when a cut one does", () => {
    expect(readTermsValue(answer(5), 'k003')).toEqual({ terms: [{ key: 'k003', count: 997 }], success: true });
    expect(readTermsValue(answer(99), 'absent')).toEqual({ terms: [], success: true });
    expect(readTermsValue(answer(100), 'absent')).toBeNull();
    expect(readTermsValue(answer(100), 'k099')?.terms).toHaveLength(1);
  });
});
