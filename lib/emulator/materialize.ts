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

/** Per event kind, its objects and their fields' accessors: looked up once per table, not per event. */
type RenderPlan = { requestId: Field | null; kinds: (readonly [ObjectName, (readonly [string, Field])[]])[][] };
const plans = new WeakMap<Table, RenderPlan>();

function planOf(table: Table): RenderPlan {
  let plan = plans.get(table);
  if (!plan) {
    const accessors = (object: ObjectName) =>
      OBJECT_FIELDS[object].flatMap((name) => {
        const field = table.field(`objects.${object}.${name}`);
        return field ? [[name, field] as const] : [];
      });
    plan = {
      requestId: table.field('request_id'),
      kinds: OBJECTS_OF_KIND.map((objects) => objects.map((object) => [object, accessors(object)] as const)),
    };
    plans.set(table, plan);
  }
  return plan;
}

export function materializeEvent(table: Table, i: number): AuthyEvent {
  const { store } = table;
  const plan = planOf(table);
  const objects: Record<string, Record<string, JsonValue>> = {};
  for (const [object, fields] of plan.kinds[store.kind[i]]) {
    const values: Record<string, JsonValue> = {};
    for (const [name, field] of fields) {
      const code = field.code(i);
      if (code >= 0) values[name] = rendered(field, field.value(code));
    }
    objects[object] = values;
  }
  return {
    event: ALL_EVENT_NAMES[store.kind[i]],
    time: isoTime(store.time[i]),
    request_id: String(plan.requestId?.value(i)),
    objects,
  };
}
