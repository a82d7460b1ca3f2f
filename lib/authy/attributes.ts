/**
 * Attribute paths and how their values compare. Attributes are validated by shape, not by a
 * fixed list: the reference itself scopes by `user.authy_id` while events carry
 * `objects.user.s_authy_id`. The type comes from the last segment's prefix.
 */

import { OBJECT_FIELDS, type ObjectName } from './vocabulary';

export type ValueType = 'string' | 'integer' | 'boolean' | 'time' | 'string_array';

const TYPE_PREFIX = /^(as|s|i|b|t)_/;

/**
 * The attribute a path names, as real clients write it. The reference scopes by
 * `user.authy_id` and Authy's own sample scripts by `objects.phone_verification.country_code`,
 * while events carry `objects.user.s_authy_id` and `objects.phone_verification.s_country_code`.
 * A field of a known object named without its type prefix (`X.Y` or `objects.X.Y`) is the
 * object's field whose name is Y once the prefix is removed, when exactly one such field
 * exists. Every other path is returned as it is. The emulator and the archive both resolve
 * attributes through this one rule, so they cannot disagree on what a query names.
 */
export function canonicalAttribute(path: string): string {
  const parts = path.split('.');
  const [object, name] =
    parts.length === 2 ? parts : parts.length === 3 && parts[0] === 'objects' ? parts.slice(1) : [];
  if (object === undefined || name === undefined || TYPE_PREFIX.test(name) || !Object.hasOwn(OBJECT_FIELDS, object)) {
    return path;
  }
  const fields: readonly string[] = OBJECT_FIELDS[object as ObjectName];
  const matches = fields.filter((field) => field.replace(TYPE_PREFIX, '') === name);
  return matches.length === 1 ? `objects.${object}.${matches[0]}` : path;
}

const SEGMENT = '[A-Za-z_][A-Za-z0-9_]*';
const ATTRIBUTE_PATTERN = new RegExp(`^${SEGMENT}(\\.${SEGMENT}){0,5}$`);
export const MAX_ATTRIBUTE_LENGTH = 128;
export const MAX_VALUE_LENGTH = 512;

export function isAttributePath(value: string): boolean {
  return value.length <= MAX_ATTRIBUTE_LENGTH && ATTRIBUTE_PATTERN.test(value);
}

/** The type of the attribute a path names (after `canonicalAttribute`), from its field's prefix. */
export function valueTypeOf(path: string): ValueType {
  const attribute = canonicalAttribute(path);
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
