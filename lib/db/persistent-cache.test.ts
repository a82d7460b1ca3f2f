import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { CacheEntry } from '../reporting/cache-store';
import type { Store } from './connect';
import { PersistentCacheStore } from './persistent-cache';

const entry: CacheEntry = {
  data: { terms: [{ key: 'iphone', count: 3 }], success: true },
  fetchedAt: 1_000,
  freshUntil: 2_000,
  staleUntil: 3_000,
};

describe.each(backends)('persistent cache on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let now = 10_000;
  let cache: PersistentCacheStore;

  beforeAll(async () => {
    ({ store, close } = await backend.open());
    cache = new PersistentCacheStore(
      async () => store.db,
      () => now,
    );
  });
  afterAll(async () => close());

  it('returns what it stored until the TTL ends, and overwrites by key', async () => {
    await cache.set('terms?field=x', entry, 5_000);
    expect(await cache.get('terms?field=x')).toEqual(entry);
    await cache.set('terms?field=x', { ...entry, fetchedAt: 1_500 }, 5_000);
    expect((await cache.get('terms?field=x'))?.fetchedAt).toBe(1_500);
    now += 5_001;
    expect(await cache.get('terms?field=x')).toBeUndefined();
    expect(await cache.prune()).toBe(1);
  });

  it('survives a reopen of the store (a restart)', async () => {
    await cache.set('terms?field=y', entry, 60_000);
    const again = new PersistentCacheStore(
      async () => store.db,
      () => now,
    );
    expect(await again.get('terms?field=y')).toEqual(entry);
  });

  it('ignores a row that no longer fits the schema', async () => {
    await store.db
      .insertInto('cache_entries')
      .values({ key: 'bad', value: '{"data":{"nope":1}}', stored_at: 'x', expires_at: null })
      .execute();
    expect(await cache.get('bad')).toBeUndefined();
  });
});
