/**
 * The terms page's URL contract:
 *   field  any attribute path (e.g. `objects.device.s_device_type`), checked with isAttributePath
 *   size   how many terms, 1–100
 *   f      scope filters (`attribute~op~value,...`)
 *   view   `chart` or `table`
 * plus the shared range/from/to/utc/refresh.
 */
import { createParser, createSearchParamsCache, parseAsStringLiteral } from 'nuqs/server';
import { isAttributePath } from '@/lib/authy/attributes';
import { LIMITS } from '@/lib/authy/vocabulary';
import { parseAsConditions, rangeParsers } from '@/lib/view-params';

export const DEFAULT_FIELD = 'objects.device.s_device_type';

/** Fields worth grouping by, offered in the picker; any other dotted path can be typed. */
export const COMMON_FIELDS: { value: string; label: string }[] = [
  { value: 'event', label: 'Event type' },
  { value: 'objects.device.s_device_type', label: 'Device type' },
  { value: 'objects.user.s_country_code', label: 'User country code' },
  { value: 'objects.user.s_locale', label: 'User locale' },
  { value: 'objects.onetouch_request.s_status', label: 'Push status' },
  { value: 'objects.device.s_version', label: 'App version' },
  { value: 'objects.phone_verification.s_via', label: 'Phone verification channel' },
  { value: 'objects.phone_verification.s_line_type', label: 'Phone line type' },
  { value: 'objects.token.s_type', label: 'Token type' },
  { value: 'objects.app.s_name', label: 'App name' },
  { value: 'objects.user.s_authy_id', label: 'User (Authy ID)' },
];

export const parseAsField = createParser<string>({
  parse: (value) => (isAttributePath(value) ? value : null),
  serialize: (value) => value,
});

export const parseAsSize = createParser<number>({
  parse: (value) => {
    if (!/^\d{1,3}$/.test(value)) return null;
    const size = Number(value);
    return size >= LIMITS.size.min && size <= LIMITS.size.max ? size : null;
  },
  serialize: String,
});

export const TERMS_VIEWS = ['chart', 'table'] as const;

export const termsParsers = {
  ...rangeParsers,
  field: parseAsField.withDefault(DEFAULT_FIELD),
  size: parseAsSize.withDefault(LIMITS.size.default),
  f: parseAsConditions.withDefault([]),
  view: parseAsStringLiteral(TERMS_VIEWS).withDefault('chart'),
};

export const termsSearchParamsCache = createSearchParamsCache(termsParsers);
