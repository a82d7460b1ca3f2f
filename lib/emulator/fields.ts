/**
 * Every attribute an event can carry, as an accessor over the columnar store. One table
 * serves filtering, terms and the JSON objects (materialize.ts), so what a query matches
 * and what a response shows cannot disagree.
 *
 * Values are dictionary-coded: `code(i)` is event i's code (-1 when the event lacks the
 * attribute) and `value(code)` the value behind it. A condition is then evaluated once per
 * code rather than once per event. Identifiers unique to each event (`perEvent`) use the
 * event index as their code and are tested directly.
 */
import { valueTypeOf, type ValueType } from '../authy/attributes';
import {
  ALL_EVENT_NAMES,
  DEVICE_TYPES,
  EVENT_OBJECTS,
  OBJECT_FIELDS,
  OBJECT_NAMES,
  type ObjectName,
} from '../authy/vocabulary';
import {
  APP,
  APP_VERSIONS,
  COUNTRIES,
  LINE_TYPES,
  LOCALES,
  PUSH_SECONDS_TO_EXPIRE,
  PUSH_STATUSES,
  TOKEN_TYPES,
  VERIFICATION_SECONDS_TO_EXPIRE,
  VIAS,
  userAgent,
} from './catalog';
import {
  deviceIp,
  eventFraction,
  pushUuid,
  requestId,
  tokenId,
  userPhoneHash,
  verificationPhoneHash,
} from './identifiers';
import type { Store } from './store';

/** A value as it appears in an event's JSON; times are epoch ms until rendered. */
export type RawValue = string | number | boolean | null | readonly string[];

export type Field = {
  type: ValueType;
  perEvent: boolean;
  cardinality: number;
  code(i: number): number;
  value(code: number): RawValue;
  /** No two codes render to the same key, so terms may rank codes before rendering them. */
  distinct: boolean;
};

type FieldSpec = Omit<Field, 'type'>;
type ObjectSpecs = { [O in ObjectName]: Record<(typeof OBJECT_FIELDS)[O][number], FieldSpec> };

const HOUR = 3_600_000;
const VERIFICATION_STATUS = ['verified', 'expired', 'pending'] as const;

/** Which event kinds carry each object, as a lookup by kind index. */
function presence(object: ObjectName): Uint8Array {
  return Uint8Array.from(ALL_EVENT_NAMES, (name) => (EVENT_OBJECTS[name].includes(object) ? 1 : 0));
}

export function buildFields(s: Store): Map<string, Field> {
  const has = Object.fromEntries(OBJECT_NAMES.map((o) => [o, presence(o)])) as Record<ObjectName, Uint8Array>;
  const rowOf = (object: ObjectName, column: Int32Array) => (i: number) => (has[object][s.kind[i]] ? column[i] : -1);
  const appRow = (i: number) => (has.app[s.kind[i]] ? 0 : -1);
  const userRow = rowOf('user', s.user);
  const deviceRow = rowOf('device', s.device);
  const pushRow = (i: number) => (has.onetouch_request[s.kind[i]] ? i : -1);
  const tokenRow = (i: number) => (has.token[s.kind[i]] ? i : -1);
  const verificationRow = rowOf('phone_verification', s.detail);

  /** A field whose value depends on a row of a side table (or the event itself). */
  const byRow = (
    row: (i: number) => number,
    cardinality: number,
    value: (r: number) => RawValue,
    distinct = false,
  ): FieldSpec => ({ perEvent: false, cardinality, code: row, value, distinct });
  /** A field coded through a small dictionary of the row's value. */
  const byDict = (row: (i: number) => number, column: ArrayLike<number>, dict: readonly RawValue[]): FieldSpec => ({
    perEvent: false,
    cardinality: dict.length,
    code: (i) => {
      const r = row(i);
      return r < 0 ? -1 : column[r];
    },
    value: (c) => dict[c],
    distinct: new Set(dict.map(String)).size === dict.length,
  });
  const constant = (row: (i: number) => number, value: RawValue): FieldSpec => ({
    perEvent: false,
    cardinality: 1,
    code: (i) => (row(i) < 0 ? -1 : 0),
    value: () => value,
    distinct: true,
  });
  /** Unique to each event: the code is the event index itself, when the object is there. */
  const perEvent = (row: (i: number) => number, value: (i: number) => RawValue): FieldSpec => ({
    perEvent: true,
    cardinality: s.size,
    code: (i) => (row(i) < 0 ? -1 : i),
    value,
    distinct: false,
  });

  const { users, devices, verifications: pv } = s;
  const authyId = (u: number) => String(users.authyId[u]);
  const syncDate = (i: number) =>
    Math.max(devices.created[s.device[i]], s.time[i] - eventFraction(s.seed, i, 1) * 300_000);
  const lastUsed = (i: number) =>
    Math.max(devices.created[s.device[i]], s.time[i] - HOUR - eventFraction(s.seed, i, 2) * 7 * 24 * HOUR);
  const pushSent = (i: number) => Math.floor((s.time[i] - eventFraction(s.seed, i, 3) * 300_000) / 1000);
  const statusOfKind = Uint8Array.from(ALL_EVENT_NAMES, (name) =>
    name === 'phone_verification_code_is_valid' ? 0 : 2,
  );

  const objects: ObjectSpecs = {
    app: {
      b_custom_code_allowed: constant(appRow, APP.b_custom_code_allowed),
      b_custom_message_allowed: constant(appRow, APP.b_custom_message_allowed),
      s_account_sid: constant(appRow, APP.s_account_sid),
      s_device_app: constant(appRow, APP.s_device_app),
      s_errors: constant(appRow, APP.s_errors),
      s_id: constant(appRow, APP.s_id),
      s_name: constant(appRow, APP.s_name),
      s_type: constant(appRow, APP.s_type),
    },
    user: {
      as_authy_ids: byRow(userRow, users.count, (u) => [authyId(u)], true),
      b_banned: byDict(userRow, users.banned, [false, true]),
      s_authy_id: byRow(userRow, users.count, authyId, true),
      s_country_code: byDict(
        userRow,
        users.country,
        COUNTRIES.map((c) => c.code),
      ),
      s_errors: constant(userRow, ''),
      s_locale: byDict(userRow, users.locale, LOCALES),
      s_phone_number: byRow(userRow, users.count, (u) => userPhoneHash(s.seed, u)),
    },
    device: {
      s_device_app: constant(deviceRow, 'authy'),
      s_device_type: byDict(deviceRow, devices.type, DEVICE_TYPES),
      s_errors: constant(deviceRow, ''),
      s_id: byRow(deviceRow, devices.count, (d) => String(devices.id[d]), true),
      s_ip: byRow(deviceRow, devices.count, (d) => deviceIp(s.seed, d)),
      s_user_agent: byRow(deviceRow, devices.count, (d) => {
        const owner = devices.owner[d];
        const locale = LOCALES[users.locale[owner]];
        return userAgent(
          DEVICE_TYPES[devices.type[d]],
          APP_VERSIONS[devices.version[d]],
          locale,
          COUNTRIES[users.country[owner]].code,
        );
      }),
      s_version: byDict(deviceRow, devices.version, APP_VERSIONS),
      t_creation_date: byRow(deviceRow, devices.count, (d) => devices.created[d]),
      t_last_used_date: perEvent(deviceRow, lastUsed),
      t_sync_date: perEvent(deviceRow, syncDate),
    },
    onetouch_request: {
      i_device_signing_time: constant(pushRow, 0),
      i_expiration_timestamp: perEvent(pushRow, (i) =>
        s.detail[i] === PUSH_STATUSES.indexOf('expired')
          ? Math.floor(s.time[i] / 1000)
          : pushSent(i) + PUSH_SECONDS_TO_EXPIRE,
      ),
      i_seconds_to_expire: constant(pushRow, PUSH_SECONDS_TO_EXPIRE),
      s_device_geolocation: constant(pushRow, null),
      s_errors: constant(pushRow, ''),
      s_status: byDict(pushRow, s.detail, PUSH_STATUSES),
      s_uuid: perEvent(pushRow, (i) => pushUuid(s.seed, i)),
    },
    phone_verification: {
      i_code_length: byDict(verificationRow, pv.codeLength, [0, 1, 2, 3, 4, 5, 6, 7, 8]),
      i_seconds_to_expire: constant(verificationRow, VERIFICATION_SECONDS_TO_EXPIRE),
      s_country_code: byDict(
        verificationRow,
        pv.country,
        COUNTRIES.map((c) => c.code),
      ),
      s_id: byRow(verificationRow, pv.count, (r) => String(5_000_000 + r), true),
      s_line_type: byDict(verificationRow, pv.lineType, LINE_TYPES),
      s_locale: byDict(verificationRow, pv.locale, LOCALES),
      s_mccmnc: byDict(
        verificationRow,
        pv.country,
        COUNTRIES.map((c) => c.mccmnc),
      ),
      s_phone_number: byRow(verificationRow, pv.count, (r) => verificationPhoneHash(s.seed, r)),
      s_status: {
        perEvent: false,
        cardinality: VERIFICATION_STATUS.length,
        code: (i) => (verificationRow(i) < 0 ? -1 : statusOfKind[s.kind[i]]),
        value: (c) => VERIFICATION_STATUS[c],
        distinct: true,
      },
      s_via: byDict(verificationRow, pv.via, VIAS),
    },
    token: {
      s_id: perEvent(tokenRow, (i) => tokenId(s.seed, i)),
      s_type: byDict(tokenRow, s.detail, TOKEN_TYPES),
    },
  };

  const fields = new Map<string, Field>();
  const add = (path: string, spec: FieldSpec) => fields.set(path, { ...spec, type: valueTypeOf(path) });
  add(
    'event',
    byDict((i) => i, s.kind, ALL_EVENT_NAMES),
  );
  add(
    'time',
    perEvent(
      (i) => i,
      (i) => s.time[i],
    ),
  );
  add(
    'request_id',
    perEvent(
      (i) => i,
      (i) => requestId(s.seed, i),
    ),
  );
  for (const object of OBJECT_NAMES) {
    const specs: Record<string, FieldSpec> = objects[object];
    for (const [name, spec] of Object.entries(specs)) add(`objects.${object}.${name}`, spec);
  }
  return fields;
}
