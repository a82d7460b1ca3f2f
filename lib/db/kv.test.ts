import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backends } from '@/test/support/stores';
import type { Store } from './connect';
import { DbKeyValueStore, MemoryKeyValueStore, type KeyValueStore } from './kv';
import { PersistentCacheStore } from './persistent-cache';

const shape = z.object({ done: z.array(z.string()), calls: z.number() });

function contract(
  name: string,
  open: () => Promise<{ kv: KeyValueStore; advance: (ms: number) => void; reopen: () => KeyValueStore }>,
) {
  describe(name, () => {
    let kv: KeyValueStore;
    let advance: (ms: number) => void;
    let reopen: () => KeyValueStore;
    beforeAll(async () => {
      ({ kv, advance, reopen } = await open());
    });

    it('returns what it stored, overwrites by key and deletes', async () => {
      await kv.set('mau:2026-10', { done: ['a'], calls: 3 });
      expect(await kv.get('mau:2026-10', shape)).toEqual({ done: ['a'], calls: 3 });
      await kv.set('mau:2026-10', { done: ['a', 'b'], calls: 5 });
      expect(await kv.get('mau:2026-10', shape)).toEqual({ done: ['a', 'b'], calls: 5 });
      await kv.delete('mau:2026-10');
      expect(await kv.get('mau:2026-10', shape)).toBeUndefined();
    });

    it('keeps a value without TTL for good and one with a TTL until it ends', async () => {
      await kv.set('forever', { done: [], calls: 1 });
      await kv.set('brief', { done: [], calls: 2 }, 1_000);
      advance(999);
      expect(await kv.get('brief', shape)).toBeDefined();
      advance(2);
      expect(await kv.get('brief', shape)).toBeUndefined();
      advance(10 * 365 * 86_400_000);
      expect(await kv.get('forever', shape)).toEqual({ done: [], calls: 1 });
    });

    it('reads a value that no longer fits the schema as missing', async () => {
      await kv.set('old-shape', { done: 'not-a-list' });
      expect(await kv.get('old-shape', shape)).toBeUndefined();
    });

    it('survives a reopen (a restart)', async () => {
      await kv.set('restart', { done: ['x'], calls: 9 });
      expect(await reopen().get('restart', shape)).toEqual({ done: ['x'], calls: 9 });
    });
  });
}

contract('in-memory key-value store', async () => {
  let now = 1_000;
  const kv = new MemoryKeyValueStore(() => now);
  return { kv, advance: (ms) => (now += ms), reopen: () => kv };
});

describe.each(backends)('key-value store on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let now = 1_000;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => close());

  contract('contract', async () => ({
    kv: new DbKeyValueStore(
      async () => store.db,
      () => now,
    ),
    advance: (ms) => (now += ms),
    reopen: () =>
      new DbKeyValueStore(
        async () => store.db,
        () => now,
      ),
  }));

  it('shares the table with the persistent cache without either seeing the other', async () => {
    const kv = new DbKeyValueStore(
      async () => store.db,
      () => now,
    );
    const cache = new PersistentCacheStore(
      async () => store.db,
      () => now,
    );
    await kv.set('terms?field=x', { done: [], calls: 1 });
    expect(await cache.get('terms?field=x')).toBeUndefined();
    const entry = {
      data: { terms: [], success: true as const },
      fetchedAt: now,
      freshUntil: now + 1,
      staleUntil: now + 2,
    };
    await cache.set('shared', entry, 60_000);
    expect(await kv.get('shared', shape)).toBeUndefined();
  });
});
