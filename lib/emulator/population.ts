/**
 * Users and their devices. Users join over the data set's span with growth (an existing
 * base joined before it), a few are removed, each has an activity level with a long tail
 * (a handful of heavy users, many occasional ones) and a preferred way to authenticate.
 */
import { DEVICE_TYPES } from '../authy/vocabulary';
import { APP_VERSIONS, COUNTRIES, DEVICE_WEIGHTS, LOCALES, PUSH_CAPABLE, type DeviceType } from './catalog';
import { choose, gaussian, randomInt, weightedPicker, type Random } from './random';
import type { DeviceTable, UserTable } from './store';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Share of users who joined before the data set starts (no user_added in the data). */
const EXISTING_BASE = 0.15;
/** Traffic grows about e^1.5 ≈ 4.5× over the span. */
export const GROWTH = 1.5;
const REMOVED_SHARE = 0.04;
const SECOND_DEVICE_SHARE = 0.25;
const PUSH_PREFERENCE = 0.45;
const BANNED_SHARE = 0.003;
/** A user's first device is registered 1-10 minutes after they join. */
export const MAX_REGISTRATION_DELAY = 10 * MINUTE;
const registrationDelay = (random: Random) => randomInt(random, 1, MAX_REGISTRATION_DELAY / MINUTE) * MINUTE;

export type Population = {
  users: UserTable;
  devices: DeviceTable;
  /** When the user was removed, or NaN. */
  removed: Float64Array;
  /** Relative amount of traffic the user makes per day. */
  activity: Float64Array;
  prefersPush: Uint8Array;
  primaryDevice: Int32Array;
  /** A later, second device, or -1. */
  secondDevice: Int32Array;
};

/** A point of [0, 1) drawn with density growing like e^(GROWTH·x). */
export function growthFraction(random: Random): number {
  return Math.log(1 + random() * (Math.exp(GROWTH) - 1)) / GROWTH;
}

const countryPicker = weightedPicker(COUNTRIES.map((c) => c.weight));
const deviceChoices = DEVICE_TYPES.map((type) => [type, DEVICE_WEIGHTS[type]] as const);
const SECOND_DEVICE_CHOICES = [
  ['chrome', 5],
  ['ipad', 3],
  ['android_tablet', 1],
  ['iphone', 1],
  ['android', 1],
] as const;

export function generatePopulation(random: Random, count: number, start: number, end: number): Population {
  const span = end - start;
  const joinedRaw = new Float64Array(count);
  for (let u = 0; u < count; u++) {
    joinedRaw[u] =
      random() < EXISTING_BASE ? start - random() * 365 * DAY : start + growthFraction(random) * span * 0.999;
  }
  // Authy ids grow with join order, as a real sequence would.
  joinedRaw.sort();

  const users: UserTable = {
    count,
    authyId: new Int32Array(count),
    country: new Uint8Array(count),
    locale: new Uint8Array(count),
    banned: new Uint8Array(count),
    joined: joinedRaw,
  };
  const removed = new Float64Array(count).fill(Number.NaN);
  const activity = new Float64Array(count);
  const prefersPush = new Uint8Array(count);
  const primaryDevice = new Int32Array(count);
  const secondDevice = new Int32Array(count).fill(-1);
  const devices = deviceTable(2 * count);

  let authyId = 10_000 + randomInt(random, 0, 999);
  for (let u = 0; u < count; u++) {
    authyId += randomInt(random, 1, 40);
    users.authyId[u] = authyId;
    const country = countryPicker(random);
    users.country[u] = country;
    users.locale[u] = LOCALES.indexOf(choose(random, COUNTRIES[country].locales));
    users.banned[u] = random() < BANNED_SHARE ? 1 : 0;
    activity[u] = Math.exp(1.1 * gaussian(random));
    const from = Math.max(users.joined[u], start);
    if (random() < REMOVED_SHARE) removed[u] = from + (0.05 + 0.95 * random()) * (end - from);
    const until = Number.isNaN(removed[u]) ? end : removed[u];

    const primaryType = choose(random, deviceChoices);
    primaryDevice[u] = addDevice(
      devices,
      random,
      u,
      primaryType,
      users.joined[u] + registrationDelay(random),
      start,
      end,
    );
    prefersPush[u] = PUSH_CAPABLE.has(primaryType) && random() < PUSH_PREFERENCE ? 1 : 0;
    if (random() < SECOND_DEVICE_SHARE) {
      const created = from + random() * (until - from);
      secondDevice[u] = addDevice(devices, random, u, choose(random, SECOND_DEVICE_CHOICES), created, start, end);
    }
  }
  return { users, devices, removed, activity, prefersPush, primaryDevice, secondDevice };
}

function deviceTable(capacity: number): DeviceTable {
  return {
    count: 0,
    owner: new Int32Array(capacity),
    type: new Uint8Array(capacity),
    version: new Uint8Array(capacity),
    id: new Int32Array(capacity),
    created: new Float64Array(capacity),
  };
}

function addDevice(
  table: DeviceTable,
  random: Random,
  owner: number,
  type: DeviceType,
  created: number,
  start: number,
  end: number,
): number {
  const d = table.count++;
  table.owner[d] = owner;
  table.type[d] = DEVICE_TYPES.indexOf(type);
  // Newer devices run newer app versions; the existing base spans the year before start.
  const position = (created - (start - 365 * DAY)) / (end - start + 365 * DAY);
  const newest = APP_VERSIONS.length - 1;
  table.version[d] = Math.max(0, Math.min(newest, Math.floor(position * newest) + randomInt(random, -1, 1)));
  table.id[d] = d === 0 ? 100_000_000 + randomInt(random, 0, 9_999_999) : table.id[d - 1] + randomInt(random, 1, 97);
  table.created[d] = created;
  return d;
}

/** A copy of `array` resized to `length` (new room zeroed). */
function resized<T extends Float64Array | Int32Array | Uint8Array>(array: T, length: number): T {
  const out = new (array.constructor as new (length: number) => T)(length);
  out.set(array.length > length ? array.subarray(0, length) : array);
  return out;
}

/**
 * The population with new users who join at `times` (ascending, after everyone already in
 * it), each with one device registered minutes after joining: the sign-ups of the traffic
 * after the history (ahead.ts). `start` and `end` are the history's, which date app versions.
 * Returns a new population and leaves the given one as it was.
 */
export function withNewUsers(
  p: Population,
  random: Random,
  times: readonly number[],
  start: number,
  end: number,
): Population {
  if (times.length === 0) return p;
  const before = p.users.count;
  const count = before + times.length;
  const users: UserTable = {
    count,
    authyId: resized(p.users.authyId, count),
    country: resized(p.users.country, count),
    locale: resized(p.users.locale, count),
    banned: resized(p.users.banned, count),
    joined: resized(p.users.joined, count),
  };
  const devices: DeviceTable = {
    count: p.devices.count,
    owner: resized(p.devices.owner, p.devices.count + times.length),
    type: resized(p.devices.type, p.devices.count + times.length),
    version: resized(p.devices.version, p.devices.count + times.length),
    id: resized(p.devices.id, p.devices.count + times.length),
    created: resized(p.devices.created, p.devices.count + times.length),
  };
  const grown: Population = {
    users,
    devices,
    removed: resized(p.removed, count).fill(Number.NaN, before),
    activity: resized(p.activity, count),
    prefersPush: resized(p.prefersPush, count),
    primaryDevice: resized(p.primaryDevice, count),
    secondDevice: resized(p.secondDevice, count).fill(-1, before),
  };
  let authyId = before > 0 ? users.authyId[before - 1] : 10_000 + randomInt(random, 0, 999);
  times.forEach((joined, j) => {
    const u = before + j;
    authyId += randomInt(random, 1, 40);
    users.authyId[u] = authyId;
    const country = countryPicker(random);
    users.country[u] = country;
    users.locale[u] = LOCALES.indexOf(choose(random, COUNTRIES[country].locales));
    users.joined[u] = joined;
    grown.activity[u] = Math.exp(1.1 * gaussian(random));
    const type = choose(random, deviceChoices);
    const created = joined + registrationDelay(random);
    grown.primaryDevice[u] = addDevice(devices, random, u, type, created, start, end);
    grown.prefersPush[u] = PUSH_CAPABLE.has(type) && random() < PUSH_PREFERENCE ? 1 : 0;
  });
  return grown;
}
