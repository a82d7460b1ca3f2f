/**
 * The fixed material the generator draws from: the reference's application, countries with
 * a realistic skew (US heavy), their locales and carriers, device kinds and app versions.
 * Weights are relative shares, not probabilities.
 */
import { DEVICE_TYPES } from '../authy/vocabulary';

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

export type Country = {
  code: string;
  weight: number;
  locales: readonly (readonly [string, number])[];
  mccmnc: string;
};

export const COUNTRIES: readonly Country[] = [
  {
    code: '1',
    weight: 38,
    locales: [
      ['en', 88],
      ['es', 10],
      ['fr', 2],
    ],
    mccmnc: '310260',
  },
  { code: '44', weight: 8, locales: [['en', 100]], mccmnc: '23415' },
  {
    code: '55',
    weight: 7,
    locales: [
      ['pt', 95],
      ['en', 5],
    ],
    mccmnc: '72405',
  },
  {
    code: '91',
    weight: 9,
    locales: [
      ['en', 80],
      ['hi', 20],
    ],
    mccmnc: '40410',
  },
  {
    code: '49',
    weight: 5,
    locales: [
      ['de', 90],
      ['en', 10],
    ],
    mccmnc: '26201',
  },
  {
    code: '33',
    weight: 4,
    locales: [
      ['fr', 95],
      ['en', 5],
    ],
    mccmnc: '20801',
  },
  {
    code: '34',
    weight: 4,
    locales: [
      ['es', 95],
      ['en', 5],
    ],
    mccmnc: '21407',
  },
  {
    code: '52',
    weight: 4,
    locales: [
      ['es', 97],
      ['en', 3],
    ],
    mccmnc: '334020',
  },
  {
    code: '81',
    weight: 3,
    locales: [
      ['ja', 95],
      ['en', 5],
    ],
    mccmnc: '44010',
  },
  {
    code: '7',
    weight: 3,
    locales: [
      ['ru', 95],
      ['en', 5],
    ],
    mccmnc: '25001',
  },
  { code: '61', weight: 2, locales: [['en', 100]], mccmnc: '50501' },
  {
    code: '86',
    weight: 2,
    locales: [
      ['zh', 95],
      ['en', 5],
    ],
    mccmnc: '46000',
  },
  {
    code: '62',
    weight: 2,
    locales: [
      ['id', 90],
      ['en', 10],
    ],
    mccmnc: '51010',
  },
  { code: '234', weight: 1.5, locales: [['en', 100]], mccmnc: '62130' },
  {
    code: '39',
    weight: 2,
    locales: [
      ['it', 95],
      ['en', 5],
    ],
    mccmnc: '22201',
  },
  {
    code: '63',
    weight: 1.5,
    locales: [
      ['en', 70],
      ['tl', 30],
    ],
    mccmnc: '51502',
  },
  {
    code: '90',
    weight: 1,
    locales: [
      ['tr', 95],
      ['en', 5],
    ],
    mccmnc: '28601',
  },
  { code: '27', weight: 1, locales: [['en', 100]], mccmnc: '65501' },
];

/** Every locale any country uses, in a fixed order: the dictionary users index into. */
export const LOCALES: readonly string[] = [...new Set(COUNTRIES.flatMap((c) => c.locales.map(([l]) => l)))];

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
  const region = COUNTRY_REGION[countryCode] ?? 'US';
  const build = Math.round(Number(version) * 100) % 997;
  return `Authy ${version} rv:${build} (${OS_OF[type]}; ${locale}_${region})`;
}

const COUNTRY_REGION: Record<string, string> = {
  '1': 'US',
  '44': 'GB',
  '55': 'BR',
  '91': 'IN',
  '49': 'DE',
  '33': 'FR',
  '34': 'ES',
  '52': 'MX',
  '81': 'JP',
  '7': 'RU',
  '61': 'AU',
  '86': 'CN',
  '62': 'ID',
  '234': 'NG',
  '39': 'IT',
  '63': 'PH',
  '90': 'TR',
  '27': 'ZA',
};
