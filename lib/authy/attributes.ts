/**
 * Attribute paths and how their values compare. Attributes are validated by shape, not by a
 * fixed list: the reference itself scopes by `user.authy_id` while events carry
 * `objects.user.s_authy_id`. The type comes from the last segment's prefix.
 */

export type ValueType = 'string' | 'integer' | 'boolean' | 'time' | 'string_array';

const SEGMENT = '[A-Za-z_][A-Za-z0-9_]*';
const ATTRIBUTE_PATTERN = new RegExp(`^${SEGMENT}(\\.${SEGMENT}){0,5}$`);
export const MAX_ATTRIBUTE_LENGTH = 128;
export const MAX_VALUE_LENGTH = 512;

export function isAttributePath(value: string): boolean {
  return value.length <= MAX_ATTRIBUTE_LENGTH && ATTRIBUTE_PATTERN.test(value);
}

export function valueTypeOf(attribute: string): ValueType {
  if (attribute === 'time') return 'time';
  const last = attribute.slice(attribute.lastIndexOf('.') + 1);
  if (last.startsWith('as_')) return 'string_array';
  if (last.startsWith('i_')) return 'integer';
  if (last.startsWith('b_')) return 'boolean';
  if (last.startsWith('t_')) return 'time';
  return 'string';
}

// ISO 8601 date or date-time, with an optional fraction and zone; `Date.parse` alone accepts
// far too much ("1", "March 7"), so the shape is checked first.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseIsoTime(value: string): number | null {
  if (!ISO_8601.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Why `value` is not acceptable for `attribute`, or null when it is. */
export function valueProblem(attribute: string, value: string): string | null {
  if (value.length > MAX_VALUE_LENGTH) return `value is longer than ${MAX_VALUE_LENGTH} characters`;
  switch (valueTypeOf(attribute)) {
    case 'time':
      return parseIsoTime(value) === null ? 'expected an ISO 8601 time such as 2019-12-17T00:00:00.000Z' : null;
    case 'integer':
      return /^-?\d{1,15}$/.test(value) ? null : 'expected an integer';
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'expected true or false';
    default:
      return null;
  }
}
