import { describe, expect, it } from 'vitest';
import type { Operator } from '@/lib/authy/vocabulary';
import {
  attributeProblem,
  conditionsToApply,
  isBlankRow,
  rowIssues,
  toDrafts,
  type DraftCondition,
} from './validate-condition';

let nextId = 0;
function row(attribute: string, operator: Operator, value: string): DraftCondition {
  return { id: nextId++, attribute, operator, value };
}

describe('attributeProblem', () => {
  it('accepts top-level names and dotted paths, including unknown ones', () => {
    expect(attributeProblem('event')).toBeNull();
    expect(attributeProblem('objects.user.s_country_code')).toBeNull();
    expect(attributeProblem('user.authy_id')).toBeNull();
    expect(attributeProblem('  event  ')).toBeNull();
  });

  it('explains an empty or malformed path', () => {
    expect(attributeProblem('')).toMatch(/Choose an attribute/);
    expect(attributeProblem('objects..user')).toMatch(/not an attribute path/);
    expect(attributeProblem('objects.user.s country')).toMatch(/not an attribute path/);
    expect(attributeProblem('1abc')).toMatch(/not an attribute path/);
    expect(attributeProblem('a[b]')).toMatch(/not an attribute path/);
  });
});

describe('rowIssues', () => {
  it('ignores blank rows', () => {
    const blank = row('', 'eq', '');
    expect(isBlankRow(blank)).toBe(true);
    expect(rowIssues([blank])).toEqual([{}]);
  });

  it('asks for a missing value or attribute', () => {
    expect(rowIssues([row('event', 'eq', '')])[0]).toEqual({ value: 'Enter a value.' });
    expect(rowIssues([row('', 'eq', 'x')])[0].attribute).toMatch(/Choose an attribute/);
  });

  it('checks the value against the type the attribute prefix implies', () => {
    const [time, integer, boolean, text] = rowIssues([
      row('time', 'gte', 'yesterday'),
      row('objects.onetouch_request.i_seconds_to_expire', 'gt', '1.5'),
      row('objects.user.b_banned', 'eq', 'yes'),
      row('objects.user.s_locale', 'eq', 'yes'),
    ]);
    expect(time.value).toMatch(/^Expected an ISO 8601 time/);
    expect(integer.value).toBe('Expected an integer.');
    expect(boolean.value).toBe('Expected true or false.');
    expect(text).toEqual({});
  });

  it('accepts valid typed values', () => {
    const issues = rowIssues([
      row('time', 'gte', '2019-12-17T00:00:00.000Z'),
      row('objects.device.t_creation_date', 'lt', '2019-12-17'),
      row('objects.onetouch_request.i_seconds_to_expire', 'gt', '-30'),
      row('objects.user.b_banned', 'eq', 'false'),
    ]);
    expect(issues).toEqual([{}, {}, {}, {}]);
  });

  it('flags a second condition on the same attribute and operator', () => {
    const issues = rowIssues([
      row('event', 'eq', 'token_invalid'),
      row(' event', 'eq', 'user_added'),
      row('event', 'lk', 'x'),
    ]);
    expect(issues[0]).toEqual({});
    expect(issues[1].operator).toMatch(/Filter 1 already uses event equals/);
    expect(issues[2]).toEqual({});
  });
});

describe('conditionsToApply', () => {
  it('returns the valid rows, trimmed, without blank ones', () => {
    const result = conditionsToApply([
      row(' event ', 'eq', 'token_invalid'),
      row('', 'eq', ''),
      row('objects.user.s_country_code', 'eq', '1'),
    ]);
    expect(result).toEqual({
      ok: true,
      conditions: [
        { attribute: 'event', operator: 'eq', value: 'token_invalid' },
        { attribute: 'objects.user.s_country_code', operator: 'eq', value: '1' },
      ],
    });
  });

  it('applies nothing and points at the first row to fix when any row is invalid', () => {
    expect(conditionsToApply([row('event', 'eq', 'token_invalid'), row('time', 'gte', 'soon')])).toEqual({
      ok: false,
      firstInvalidRow: 1,
      field: 'value',
    });
    expect(conditionsToApply([row('bad path', 'eq', 'x')])).toMatchObject({
      ok: false,
      firstInvalidRow: 0,
      field: 'attribute',
    });
  });

  it('applies an empty list when every row is blank', () => {
    expect(conditionsToApply([row('', 'eq', '')])).toEqual({ ok: true, conditions: [] });
  });
});

describe('toDrafts', () => {
  it('gives each condition a distinct id', () => {
    const drafts = toDrafts([
      { attribute: 'event', operator: 'eq', value: 'a' },
      { attribute: 'time', operator: 'gte', value: '2020-01-01' },
    ]);
    expect(new Set(drafts.map((d) => d.id)).size).toBe(2);
    expect(drafts[1]).toMatchObject({ attribute: 'time', operator: 'gte', value: '2020-01-01' });
  });
});
