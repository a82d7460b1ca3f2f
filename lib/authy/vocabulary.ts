/**
 * The Authy Reporting API's vocabulary, defined once. Types, zod enums and URL parsers are
 * derived from these lists; nothing else in the project spells an event name or operator.
 */

/** Events the reference documents for the Authy API proper. */
export const EVENT_NAMES = [
  'account_recovery_approved',
  'account_recovery_canceled',
  'account_recovery_started',
  'custom_message_not_allowed',
  'device_registration_completed',
  'multidevice_setting_changed',
  'one_touch_request_responded',
  'phone_change_canceled',
  'phone_change_pin_sent',
  'phone_change_requested',
  'suspended_account',
  'token_invalid',
  'token_verified',
  'too_many_code_verifications',
  'totp_token_sent_via_call',
  'totp_token_sent',
  'unlock_method_changed',
  'user_account_deleted',
  'user_added',
  'user_phone_changed',
] as const;

/** Events of the legacy phone verification API, still reported. */
export const LEGACY_PHONE_VERIFICATION_EVENTS = [
  'phone_verification_code_is_invalid',
  'phone_verification_code_is_valid',
  'phone_verification_failed',
  'phone_verification_not_found',
  'phone_verification_started',
  'too_many_phone_verifications',
] as const;

export const ALL_EVENT_NAMES = [...EVENT_NAMES, ...LEGACY_PHONE_VERIFICATION_EVENTS] as const;
export type EventName = (typeof ALL_EVENT_NAMES)[number];

/** A user authenticating: a token verified or a push answered. What `MAU_EVENTS=authentications` counts. */
export const AUTHENTICATION_EVENTS = [
  'token_verified',
  'one_touch_request_responded',
] as const satisfies readonly EventName[];

export const OPERATORS = ['eq', 'lt', 'lte', 'gt', 'gte', 'lk'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'equals',
  lt: 'less than',
  lte: 'at most',
  gt: 'greater than',
  gte: 'at least',
  lk: 'like',
};

export const NAMED_INTERVALS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute'] as const;
export type NamedInterval = (typeof NAMED_INTERVALS)[number];

/** Documented parameter limits and defaults. `page` tops out at 100 (FACTS.md). */
export const LIMITS = {
  page: { min: 1, max: 100, default: 1 },
  perPage: { min: 1, max: 100, default: 50 },
  size: { min: 1, max: 100, default: 10 },
} as const;

export const DEFAULT_INTERVAL: NamedInterval = 'month';

export const OBJECT_FIELDS = {
  app: [
    'b_custom_code_allowed',
    'b_custom_message_allowed',
    's_account_sid',
    's_device_app',
    's_errors',
    's_id',
    's_name',
    's_type',
  ],
  user: ['as_authy_ids', 'b_banned', 's_authy_id', 's_country_code', 's_errors', 's_locale', 's_phone_number'],
  device: [
    's_device_app',
    's_device_type',
    's_errors',
    's_id',
    's_ip',
    's_user_agent',
    's_version',
    't_creation_date',
    't_last_used_date',
    't_sync_date',
  ],
  onetouch_request: [
    'i_device_signing_time',
    'i_expiration_timestamp',
    'i_seconds_to_expire',
    's_device_geolocation',
    's_errors',
    's_status',
    's_uuid',
  ],
  phone_verification: [
    'i_code_length',
    'i_seconds_to_expire',
    's_country_code',
    's_id',
    's_line_type',
    's_locale',
    's_mccmnc',
    's_phone_number',
    's_status',
    's_via',
  ],
  token: ['s_id', 's_type'],
} as const;

export type ObjectName = keyof typeof OBJECT_FIELDS;
export const OBJECT_NAMES = Object.keys(OBJECT_FIELDS) as ObjectName[];

/** Which objects each event carries (FACTS.md). `token` is optional on token_verified. */
export const EVENT_OBJECTS: Record<EventName, readonly ObjectName[]> = {
  one_touch_request_responded: ['app', 'user', 'onetouch_request', 'device'],
  device_registration_completed: ['app', 'user', 'device'],
  multidevice_setting_changed: ['app', 'user', 'device'],
  token_verified: ['app', 'user', 'token'],
  token_invalid: ['app', 'user'],
  totp_token_sent: ['app', 'user'],
  totp_token_sent_via_call: ['app', 'user'],
  account_recovery_started: ['app', 'user'],
  account_recovery_approved: ['app', 'user'],
  account_recovery_canceled: ['user'],
  phone_verification_started: ['app', 'phone_verification'],
  phone_verification_code_is_valid: ['app', 'phone_verification'],
  phone_verification_code_is_invalid: ['app', 'phone_verification'],
  too_many_phone_verifications: ['app', 'phone_verification'],
  phone_verification_not_found: ['app'],
  phone_verification_failed: ['app'],
  too_many_code_verifications: ['app'],
  user_added: ['app', 'user'],
  user_phone_changed: ['app', 'user'],
  user_account_deleted: ['app', 'user'],
  phone_change_canceled: ['app', 'user'],
  phone_change_pin_sent: ['app', 'user'],
  phone_change_requested: ['app', 'user'],
  suspended_account: ['app', 'user'],
  unlock_method_changed: ['app', 'user'],
  custom_message_not_allowed: ['app', 'user'],
};

export const DEVICE_TYPES = [
  'android',
  'iphone',
  'ipad',
  'ipod',
  'iwatch',
  'android_tablet',
  'chrome',
  'blackberry',
  'unknown',
] as const;

export const ONETOUCH_STATUSES = ['approved', 'denied', 'expired', 'pending'] as const;

/** Top-level attributes every event has, besides `objects.*`. */
export const TOP_LEVEL_ATTRIBUTES = ['event', 'time', 'request_id'] as const;

/** Every known attribute path, for suggestions; free dotted paths stay allowed. */
export const KNOWN_ATTRIBUTES: readonly string[] = [
  ...TOP_LEVEL_ATTRIBUTES,
  ...OBJECT_NAMES.flatMap((object) => OBJECT_FIELDS[object].map((field) => `objects.${object}.${field}`)),
];
