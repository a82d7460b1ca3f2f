/**
 * Identifiers and hashes derived from (seed, row) rather than stored: request ids, push
 * uuids, phone hashes, IPs. Recomputing them costs nanoseconds and saves storing a string
 * per event; a different salt per kind keeps them unrelated to each other.
 */
import { hash32, hashHex } from './random';

const SALT = { request: 1, uuid: 2, userPhone: 3, ip: 4, verificationPhone: 5, token: 6, offsets: 7 } as const;
const TWO_48 = 2 ** 48;

/**
 * "EB03D0F0-1234-5678-9101-F5014BD54354", the reference's shape. The last group is the
 * event's index shifted by a seed-derived offset modulo 2^48: distinct indexes give
 * distinct ids, so request ids are unique by construction.
 */
export function requestId(seed: number, index: number): string {
  const head = hashHex(seed, SALT.request, index, 20).toUpperCase();
  const offset = hash32(seed, 11) * 65_536 + (hash32(seed, 12) & 0xffff);
  const tail = ((index + offset) % TWO_48).toString(16).toUpperCase().padStart(12, '0');
  return `${head.slice(0, 8)}-${head.slice(8, 12)}-${head.slice(12, 16)}-${head.slice(16, 20)}-${tail}`;
}

/** "389b68e0-b89e-0137-546f-0a5fffce63e2" */
export function pushUuid(seed: number, index: number): string {
  const h = hashHex(seed, SALT.uuid, index, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The API reports phone numbers as a hash, never the number. */
export function userPhoneHash(seed: number, user: number): string {
  return hashHex(seed, SALT.userPhone, user, 40);
}

export function verificationPhoneHash(seed: number, row: number): string {
  return hashHex(seed, SALT.verificationPhone, row, 40);
}

/** "IPv4_e123456789a28f09e7a02" */
export function deviceIp(seed: number, device: number): string {
  return `IPv4_${hashHex(seed, SALT.ip, device, 21)}`;
}

export function tokenId(seed: number, index: number): string {
  return String(70_000_000 + (hash32(hash32(seed, SALT.token), index) % 30_000_000));
}

/** A stable pseudo-random fraction in [0, 1) for event `index`, for derived times. */
export function eventFraction(seed: number, index: number, salt: number): number {
  return hash32(hash32(seed, SALT.offsets * 31 + salt), index) / 4_294_967_296;
}

/**
 * A stable fraction in [0, 1) per event: the event arrives late when it is below the late
 * share, so raising the share only adds late events and a test can tell which ones are late.
 */
export function lateDraw(seed: number, index: number): number {
  return eventFraction(seed, index, 4);
}
