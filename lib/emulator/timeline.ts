/**
 * The data set as the emulator's clock reaches it: the history, generated on first use, then
 * the traffic after it (ahead.ts), a chunk at a time as the clock passes each chunk's start.
 * Growing builds a new store and table with the new events appended (they are all newer, so
 * the index of every existing event stays what it was); what the API may see of it at each
 * moment is visibility.ts's business.
 */
import { chunkEnd, generateChunk, type Continuation } from './ahead';
import { generateHistory, type GenerateOptions } from './generator';
import type { EventColumns, Store } from './store';
import { createTable, type Table } from './table';

export class Timeline {
  private grown: { store: Store; continuation: Continuation } | undefined;
  private table: Table | undefined;

  constructor(private readonly options: GenerateOptions) {}

  /** A table holding every event with time ≤ `at` (and possibly some after it). */
  tableAt(at: number): Table {
    this.grown ??= generateHistory(this.options);
    let { store, continuation: c } = this.grown;
    const chunks: EventColumns[] = [];
    while (at > chunkEnd(c, c.chunks)) {
      const chunk = generateChunk(c);
      chunks.push(chunk.columns);
      c = chunk.next;
    }
    if (chunks.length > 0) {
      store = appended(store, chunks, c);
      this.grown = { store, continuation: c };
      this.table = undefined;
    }
    return (this.table ??= createTable(store));
  }
}

/** The store with the chunks' events after its own, and the side tables as they grew. */
function appended(store: Store, chunks: readonly EventColumns[], c: Continuation): Store {
  const parts = [store, ...chunks];
  const columns: EventColumns = {
    time: joined(
      (n) => new Float64Array(n),
      parts.map((p) => p.time),
    ),
    kind: joined(
      (n) => new Uint8Array(n),
      parts.map((p) => p.kind),
    ),
    user: joined(
      (n) => new Int32Array(n),
      parts.map((p) => p.user),
    ),
    device: joined(
      (n) => new Int32Array(n),
      parts.map((p) => p.device),
    ),
    detail: joined(
      (n) => new Int32Array(n),
      parts.map((p) => p.detail),
    ),
  };
  return {
    ...store,
    ...columns,
    size: columns.time.length,
    end: chunkEnd(c, c.chunks),
    users: c.population.users,
    devices: c.population.devices,
    verifications: c.verifications,
  };
}

function joined<T extends Float64Array | Uint8Array | Int32Array>(make: (length: number) => T, parts: readonly T[]): T {
  const out = make(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
