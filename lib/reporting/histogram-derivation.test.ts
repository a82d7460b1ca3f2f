import { describe, expect, it } from 'vitest';
import type { Condition } from '../authy/bracket-codec';
import { isAligned, seriesShape } from './histogram-derivation';

const t = (operator: Condition['operator'], value: string): Condition => ({ attribute: 'time', operator, value });
const reports = [{ name: 'a', conditions: [{ attribute: 'event', operator: 'eq' as const, value: 'user_added' }] }];

describe('seriesShape', () => {
  it('separates the window from the rest of the scope', () => {
    const country: Condition = { attribute: 'objects.user.s_country_code', operator: 'eq', value: '1' };
    const a = seriesShape({
      reports,
      interval: 'day',
      scope: [country, t('gte', '2020-01-01T00:00:00Z'), t('lt', '2020-01-08T00:00:00Z')],
    });
    const b = seriesShape({
      reports,
      interval: 'day',
      scope: [t('gte', '2019-12-01T00:00:00Z'), country, t('lt', '2020-01-15T00:00:00Z')],
    });
    expect(a?.family).toBe(b?.family);
    expect(a?.window).toEqual({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 8) });
  });

  it('refuses windows that are not exactly one gte and one lt', () => {
    expect(seriesShape({ reports, interval: 'day', scope: [t('gte', '2020-01-01T00:00:00Z')] })).toBeNull();
    expect(
      seriesShape({
        reports,
        interval: 'day',
        scope: [t('gt', '2020-01-01T00:00:00Z'), t('lt', '2020-01-08T00:00:00Z')],
      }),
    ).toBeNull();
    expect(
      seriesShape({
        reports,
        interval: 'day',
        scope: [t('gte', '2020-01-01T00:00:00Z'), t('lte', '2020-01-08T00:00:00Z')],
      }),
    ).toBeNull();
  });
});

describe('isAligned', () => {
  it('needs both bounds on bucket starts of the interval', () => {
    expect(isAligned({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 8) }, 'day')).toBe(true);
    expect(isAligned({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 8, 6) }, 'day')).toBe(false);
    expect(isAligned({ from: Date.UTC(2020, 0, 1, 6), to: Date.UTC(2020, 0, 8) }, 'day')).toBe(false);
    expect(isAligned({ from: Date.UTC(2020, 0, 1, 6), to: Date.UTC(2020, 0, 8) }, '6h')).toBe(true);
    // 2020-01-06 is a Monday: ISO weeks.
    expect(isAligned({ from: Date.UTC(2020, 0, 6), to: Date.UTC(2020, 0, 13) }, 'week')).toBe(true);
    expect(isAligned({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 8) }, 'week')).toBe(false);
  });
});
