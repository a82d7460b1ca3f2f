/**
 * The few fields the events table and CSV pull out of an event's objects. Which object holds a
 * field depends on the event (FACTS.md), so every read is optional.
 */
import type { AuthyEvent } from '@/lib/authy/responses';
import { toCsv, type CsvValue } from '@/lib/csv';

function field(event: AuthyEvent, object: string, name: string): string | undefined {
  const value = event.objects[object]?.[name];
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function eventUser(event: AuthyEvent): string | undefined {
  return field(event, 'user', 's_authy_id');
}

export function eventDevice(event: AuthyEvent): string | undefined {
  return field(event, 'device', 's_device_type');
}

export function eventCountry(event: AuthyEvent): string | undefined {
  return field(event, 'user', 's_country_code');
}

/** Push approvals and phone verifications each carry their own status. */
export function eventStatus(event: AuthyEvent): string | undefined {
  return field(event, 'onetouch_request', 's_status') ?? field(event, 'phone_verification', 's_status');
}

/** Stable enough for React keys and expansion: request ids are UUIDs, times break rare ties. */
export function eventKey(event: AuthyEvent, index: number): string {
  return `${event.request_id}|${event.time}|${index}`;
}

export const EVENT_CSV_HEADER = [
  'time',
  'event',
  'request_id',
  'user',
  'device',
  'country',
  'status',
  'objects',
] as const;

/** Times stay ISO 8601 UTC in a CSV, whatever the screen shows: a file outlives the viewer's zone. */
export function eventCsvRow(event: AuthyEvent): CsvValue[] {
  return [
    event.time,
    event.event,
    event.request_id,
    eventUser(event),
    eventDevice(event),
    eventCountry(event),
    eventStatus(event),
    event.objects,
  ];
}

export function eventsToCsv(events: readonly AuthyEvent[]): string {
  return toCsv(EVENT_CSV_HEADER, events.map(eventCsvRow));
}
