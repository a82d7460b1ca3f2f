/**
 * Countries users come from, with a realistic skew (US heavy), their locales (weighted), a
 * carrier code for phone verifications and a region for user agents. Weights are relative.
 */

export type Country = {
  code: string;
  weight: number;
  locales: readonly (readonly [string, number])[];
  mccmnc: string;
  /** For the locale part of user agents, e.g. en_US. */
  region: string;
};

export const COUNTRIES: readonly Country[] = [
  {
    code: '1',
    region: 'US',
    weight: 38,
    locales: [
      ['en', 88],
      ['es', 10],
      ['fr', 2],
    ],
    mccmnc: '310260',
  },
  { code: '44', region: 'GB', weight: 8, locales: [['en', 100]], mccmnc: '23415' },
  {
    code: '55',
    region: 'BR',
    weight: 7,
    locales: [
      ['pt', 95],
      ['en', 5],
    ],
    mccmnc: '72405',
  },
  {
    code: '91',
    region: 'IN',
    weight: 9,
    locales: [
      ['en', 80],
      ['hi', 20],
    ],
    mccmnc: '40410',
  },
  {
    code: '49',
    region: 'DE',
    weight: 5,
    locales: [
      ['de', 90],
      ['en', 10],
    ],
    mccmnc: '26201',
  },
  {
    code: '33',
    region: 'FR',
    weight: 4,
    locales: [
      ['fr', 95],
      ['en', 5],
    ],
    mccmnc: '20801',
  },
  {
    code: '34',
    region: 'ES',
    weight: 4,
    locales: [
      ['es', 95],
      ['en', 5],
    ],
    mccmnc: '21407',
  },
  {
    code: '52',
    region: 'MX',
    weight: 4,
    locales: [
      ['es', 97],
      ['en', 3],
    ],
    mccmnc: '334020',
  },
  {
    code: '81',
    region: 'JP',
    weight: 3,
    locales: [
      ['ja', 95],
      ['en', 5],
    ],
    mccmnc: '44010',
  },
  {
    code: '7',
    region: 'RU',
    weight: 3,
    locales: [
      ['ru', 95],
      ['en', 5],
    ],
    mccmnc: '25001',
  },
  { code: '61', region: 'AU', weight: 2, locales: [['en', 100]], mccmnc: '50501' },
  {
    code: '86',
    region: 'CN',
    weight: 2,
    locales: [
      ['zh', 95],
      ['en', 5],
    ],
    mccmnc: '46000',
  },
  {
    code: '62',
    region: 'ID',
    weight: 2,
    locales: [
      ['id', 90],
      ['en', 10],
    ],
    mccmnc: '51010',
  },
  { code: '234', region: 'NG', weight: 1.5, locales: [['en', 100]], mccmnc: '62130' },
  {
    code: '39',
    region: 'IT',
    weight: 2,
    locales: [
      ['it', 95],
      ['en', 5],
    ],
    mccmnc: '22201',
  },
  {
    code: '63',
    region: 'PH',
    weight: 1.5,
    locales: [
      ['en', 70],
      ['tl', 30],
    ],
    mccmnc: '51502',
  },
  {
    code: '90',
    region: 'TR',
    weight: 1,
    locales: [
      ['tr', 95],
      ['en', 5],
    ],
    mccmnc: '28601',
  },
  { code: '27', region: 'ZA', weight: 1, locales: [['en', 100]], mccmnc: '65501' },
];

/** Every locale any country uses, in a fixed order: the dictionary users index into. */
export const LOCALES: readonly string[] = [...new Set(COUNTRIES.flatMap((c) => c.locales.map(([l]) => l)))];
