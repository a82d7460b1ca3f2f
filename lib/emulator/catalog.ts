/**
 * The fixed material the generator draws from: the reference's application, device kinds
 * and app versions, push and token vocabularies (countries live in countries.ts).
 * Weights are relative shares, not probabilities.
 */
import { DEVICE_TYPES } from '../authy/vocabulary';
import { COUNTRIES } from './countries';

export { COUNTRIES, LOCALES } from './countries';

/** The application object exactly as the reference's examples print it. */
export const APP = {
  b_custom_code_allowed: false,
  b_custom_message_allowed: false,
  s_account_sid: 'ACxxxxxxxxxxxxxxxxx',
  s_device_app: null,
  s_errors: '',
  s_id: '12345',
  s_name: 'Demo Authy App',
  s_type: 'full',
} as const;

export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_WEIGHTS: Record<DeviceType, number> = {
  android: 45,
  iphone: 38,
  ipad: 3,
  ipod: 0.3,
  iwatch: 1,
  android_tablet: 3,
  chrome: 6,
  blackberry: 0.2,
  unknown: 1,
};

/** Device kinds that can answer a push (one touch) request. */
export const PUSH_CAPABLE: ReadonlySet<DeviceType> = new Set(['android', 'iphone', 'ipad', 'iwatch', 'android_tablet']);

/** Authy app versions, oldest first; newer devices run newer versions. */
export const APP_VERSIONS = ['21.4', '22.0', '22.7', '23.1', '23.6', '24.0', '24.3', '25.0', '25.1'] as const;

export const TOKEN_TYPES = ['SmsToken', 'CallToken', 'AppToken'] as const;
export const TOKEN_TYPE = { sms: 0, call: 1, app: 2 } as const;

/** Push outcomes; the index is what the event's detail column stores. */
export const PUSH_STATUSES = ['approved', 'denied', 'expired'] as const;

export const LINE_TYPES = ['mobile', 'landline', 'voip'] as const;
export const VIAS = ['sms', 'call'] as const;

/** Push requests live a day; the reference's examples show 86400. */
export const PUSH_SECONDS_TO_EXPIRE = 86_400;
export const VERIFICATION_SECONDS_TO_EXPIRE = 600;

const OS_OF: Record<DeviceType, string> = {
  android: 'Android; Android 12',
  android_tablet: 'Android; Android 11',
  iphone: 'iPhone; iOS 16.4',
  ipad: 'iPad; iPadOS 16.4',
  ipod: 'iPod touch; iOS 15.7',
  iwatch: 'Apple Watch; watchOS 9.4',
  chrome: 'Chrome; Windows 10',
  blackberry: 'BlackBerry; BB10',
  unknown: 'Unknown',
};

/** "Authy 22.0 rv:99 (iPhone; iOS 12.0; en_US)", the reference's user agent shape. */
export function userAgent(type: DeviceType, version: string, locale: string, countryCode: string): string {
  const region = COUNTRIES.find((c) => c.code === countryCode)?.region ?? 'US';
  const build = Math.round(Number(version) * 100) % 997;
  return `Authy ${version} rv:${build} (${OS_OF[type]}; ${locale}_${region})`;
}
