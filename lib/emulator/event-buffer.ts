/**
 * Collects generated events in arrival order up to an exact capacity, then sorts them by
 * time into the store's columns. The capacity is the requested event count, so every phase
 * of the generator can stop the moment the budget is spent.
 */
import type { EventColumns } from './store';

export class EventBuffer {
  readonly capacity: number;
  private count = 0;
  private readonly columns: EventColumns;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.columns = {
      time: new Float64Array(capacity),
      kind: new Uint8Array(capacity),
      user: new Int32Array(capacity),
      device: new Int32Array(capacity),
      detail: new Int32Array(capacity),
    };
  }

  get size(): number {
    return this.count;
  }

  get remaining(): number {
    return this.capacity - this.count;
  }

  /** Adds an event; false once the buffer is full, so callers can stop early. */
  push(time: number, kind: number, user = -1, device = -1, detail = 0): boolean {
    if (this.count >= this.capacity) return false;
    const i = this.count++;
    const c = this.columns;
    c.time[i] = Math.round(time);
    c.kind[i] = kind;
    c.user[i] = user;
    c.device[i] = device;
    c.detail[i] = detail;
    return true;
  }

  /**
   * The events sorted by time, trimmed to what was pushed, with every time distinct: an event
   * that shares its millisecond with a later one moves back by a millisecond. Newest-first
   * order is then fixed by the data alone, so any copy of the events (the archive) can order
   * them exactly as the emulator does, with no hidden arrival order to break ties.
   * With `after`, ties move forward instead and every time ends up later than `after`: the
   * traffic generated after the history (ahead.ts) never reaches back into what came before.
   */
  sorted(after?: number): EventColumns {
    const n = this.count;
    const { time, kind, user, device, detail } = this.columns;
    const order = sortByTime(time.subarray(0, n));
    const out: EventColumns = {
      time: new Float64Array(n),
      kind: new Uint8Array(n),
      user: new Int32Array(n),
      device: new Int32Array(n),
      detail: new Int32Array(n),
    };
    for (let i = 0; i < n; i++) {
      const from = order[i];
      out.time[i] = time[from];
      out.kind[i] = kind[from];
      out.user[i] = user[from];
      out.device[i] = device[from];
      out.detail[i] = detail[from];
    }
    if (after === undefined) {
      for (let i = n - 2; i >= 0; i--) if (out.time[i] >= out.time[i + 1]) out.time[i] = out.time[i + 1] - 1;
    } else {
      for (let i = 0, last = after; i < n; last = out.time[i++]) if (out.time[i] <= last) out.time[i] = last + 1;
    }
    return out;
  }
}

const RADIX_BITS = 12;
const RADIX = 1 << RADIX_BITS;

/**
 * The permutation that sorts `times` ascending, ties in index order: an LSD radix sort on
 * the whole-millisecond offsets from the earliest time, 12 bits per pass (three passes for
 * two years). A comparison sort of a million indexes takes ~20× longer.
 */
export function sortByTime(times: Float64Array): Uint32Array {
  const n = times.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, times[i]);
    max = Math.max(max, times[i]);
  }
  let next = new Uint32Array(n);
  const counts = new Int32Array(RADIX);
  const digits = new Uint16Array(n);
  for (let shift = 1; (max - min) / shift >= 1; shift *= RADIX) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = Math.floor((times[i] - min) / shift) % RADIX;
      digits[i] = d;
      counts[d]++;
    }
    for (let d = 0, total = 0; d < RADIX; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[counts[digits[i]]++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}
