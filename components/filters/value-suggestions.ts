/**
 * Which value control suits an attribute, and known values to suggest. Suggestions only help
 * typing; any value the attribute's type accepts stays allowed.
 */
import { valueTypeOf } from '@/lib/authy/attributes';
import {
  ALL_EVENT_NAMES,
  DEVICE_TYPES,
  EVENT_NAMES,
  KNOWN_ATTRIBUTES,
  LEGACY_PHONE_VERIFICATION_EVENTS,
  ONETOUCH_STATUSES,
  type Operator,
} from '@/lib/authy/vocabulary';

export type ValueControl = 'event-select' | 'boolean-select' | 'time' | 'integer' | 'text';

/** Event names, grouped as the reference lists them. */
export const EVENT_GROUPS = [
  { label: 'Authy events', events: EVENT_NAMES },
  { label: 'Legacy phone verification', events: LEGACY_PHONE_VERIFICATION_EVENTS },
] as const;

export const ATTRIBUTE_SUGGESTIONS = KNOWN_ATTRIBUTES;

const SUGGESTIONS: Record<string, readonly string[]> = {
  event: ALL_EVENT_NAMES,
  'objects.device.s_device_type': DEVICE_TYPES,
  'objects.onetouch_request.s_status': ONETOUCH_STATUSES,
};

export function valueSuggestions(attribute: string): readonly string[] {
  return SUGGESTIONS[attribute.trim()] ?? [];
}

export function valueControl(attribute: string, operator: Operator): ValueControl {
  const path = attribute.trim();
  // Ranges and `lk` on names are real uses (`gte phone_verification_`), so only `eq` is a pick list.
  if (path === 'event' && operator === 'eq') return 'event-select';
  const type = valueTypeOf(path);
  if (type === 'boolean') return 'boolean-select';
  if (type === 'time') return 'time';
  if (type === 'integer') return 'integer';
  return 'text';
}

export const TIME_EXAMPLE = '2019-12-17T00:00:00Z';
