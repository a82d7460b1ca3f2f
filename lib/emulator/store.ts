/**
 * The data set, stored in columns. A million events as objects would cost gigabytes and
 * make every scan chase pointers; as typed arrays sorted by time they cost ~25 MB, time
 * conditions become binary searches, and the JSON objects are built only for the events a
 * response actually returns (see materialize.ts).
 */
import type { EventName } from '../authy/vocabulary';

/** Per-event columns, index = position in time order (oldest first). */
export type EventColumns = {
  /** Epoch milliseconds, ascending. */
  time: Float64Array;
  /** Index into ALL_EVENT_NAMES. */
  kind: Uint8Array;
  /** Row in the user table, or -1 when the event has no user object. */
  user: Int32Array;
  /** Row in the device table, or -1 when the event has no device object. */
  device: Int32Array;
  /**
   * What else the event carries, by kind: the push status for one touch, the token type for
   * token_verified, the verification row for the legacy phone verification events.
   */
  detail: Int32Array;
};

export type UserTable = {
  count: number;
  /** Numeric part of s_authy_id; unique. */
  authyId: Int32Array;
  /** Index into COUNTRIES. */
  country: Uint8Array;
  /** Index into LOCALES. */
  locale: Uint8Array;
  banned: Uint8Array;
  /** When the user joined (may precede the data set's start for the existing base). */
  joined: Float64Array;
};

export type DeviceTable = {
  count: number;
  owner: Int32Array;
  /** Index into DEVICE_TYPES. */
  type: Uint8Array;
  /** Index into APP_VERSIONS. */
  version: Uint8Array;
  /** Numeric s_id; unique. */
  id: Int32Array;
  created: Float64Array;
};

/** The legacy phone verifications: one row per verification flow. */
export type VerificationTable = {
  count: number;
  country: Uint8Array;
  locale: Uint8Array;
  lineType: Uint8Array;
  via: Uint8Array;
  codeLength: Uint8Array;
};

export type Store = EventColumns & {
  size: number;
  seed: number;
  /**
   * The store holds every event with time in [start, end], epoch ms: the history ends at the
   * emulator's start time, and the traffic after it is added a chunk at a time (timeline.ts),
   * so a few events may already lie past `end`.
   */
  start: number;
  end: number;
  users: UserTable;
  devices: DeviceTable;
  verifications: VerificationTable;
  /** Index of each event kind, by name, for the few places that name kinds. */
  kindOf: Record<EventName, number>;
};

/** First index whose time is >= `time` (binary search over the sorted time column). */
export function lowerBound(times: Float64Array, time: number, lo = 0, hi = times.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > `time`. */
export function upperBound(times: Float64Array, time: number, lo = 0, hi = times.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
