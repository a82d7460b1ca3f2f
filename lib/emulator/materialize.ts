/**
 * Builds the JSON of one event from the columns, through the same accessors the queries
 * use. Only the events a response returns are ever built.
 */
import type { AuthyEvent } from '../authy/responses';
import { ALL_EVENT_NAMES, EVENT_OBJECTS, OBJECT_FIELDS, type ObjectName } from '../authy/vocabulary';
import type { Field, RawValue } from './fields';
import type { Table } from './table';

type JsonValue = string | number | boolean | null | string[];

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function rendered(field: Field, value: RawValue): JsonValue {
  if (field.type === 'time' && typeof value === 'number') return isoTime(value);
  return Array.isArray(value) ? [...value] : (value as JsonValue);
}

/** Objects in the reference's order (alphabetical), each with its fields in order. */
const OBJECTS_OF_KIND: readonly (readonly ObjectName[])[] = ALL_EVENT_NAMES.map((name) =>
  [...EVENT_OBJECTS[name]].sort(),
);

export function materializeEvent(table: Table, i: number): AuthyEvent {
  const { store } = table;
  const objects: Record<string, Record<string, JsonValue>> = {};
  for (const object of OBJECTS_OF_KIND[store.kind[i]]) {
    const fields: Record<string, JsonValue> = {};
    for (const name of OBJECT_FIELDS[object]) {
      const field = table.field(`objects.${object}.${name}`);
      if (!field) continue;
      const code = field.code(i);
      if (code >= 0) fields[name] = rendered(field, field.value(code));
    }
    objects[object] = fields;
  }
  return {
    event: ALL_EVENT_NAMES[store.kind[i]],
    time: isoTime(store.time[i]),
    request_id: String(table.field('request_id')?.value(i)),
    objects,
  };
}
