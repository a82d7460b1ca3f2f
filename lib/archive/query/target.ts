/**
 * Where an attribute path's value lives in an archived row. Paths are resolved through
 * `canonicalAttribute` (the one rule every engine shares), and the type comes from the
 * field's prefix (`valueTypeOf`). `time` is the row's epoch-ms column; the most queried
 * string fields are columns of their own (filled by `toRow`); every other path is read from
 * the event's JSON. A path that is not an attribute path names nothing.
 */
import { canonicalAttribute, isAttributePath, valueTypeOf, type ValueType } from '../../authy/attributes';
import type { ArchiveEventsTable } from '../schema';

/** String columns holding a field of the body, by the field's canonical path. */
const COLUMNS = {
  event: 'event',
  request_id: 'request_id',
  'objects.user.s_authy_id': 'user_id',
  'objects.device.s_device_type': 'device_type',
  'objects.user.s_country_code': 'country_code',
} as const satisfies Record<string, keyof ArchiveEventsTable>;

export type StringColumn = (typeof COLUMNS)[keyof typeof COLUMNS];

export type Target =
  | { kind: 'time' }
  | { kind: 'column'; column: StringColumn }
  | { kind: 'json'; path: readonly string[]; type: ValueType }
  | { kind: 'nothing' };

export function resolveTarget(attribute: string): Target {
  const path = canonicalAttribute(attribute);
  if (path === 'time') return { kind: 'time' };
  if (Object.hasOwn(COLUMNS, path)) return { kind: 'column', column: COLUMNS[path as keyof typeof COLUMNS] };
  if (!isAttributePath(path)) return { kind: 'nothing' };
  return { kind: 'json', path: path.split('.'), type: valueTypeOf(path) };
}
