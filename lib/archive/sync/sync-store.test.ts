import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { SyncStore } from './sync-store';

describe.each(backends)('the sync lease on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(() => close());

  it('is held by one replica at a time, renewed by its holder, taken over once it expires', async () => {
    const leases = new SyncStore(async () => store.db, 'app_lease');
    expect(await leases.acquireLease('a', 1_000, 30_000)).toBe(true);
    expect(await leases.acquireLease('b', 2_000, 30_000)).toBe(false);
    expect(await leases.acquireLease('a', 20_000, 30_000)).toBe(true);
    expect(await leases.acquireLease('b', 49_999, 30_000)).toBe(false);
    expect(await leases.acquireLease('b', 50_000, 30_000)).toBe(true);
    expect(await leases.acquireLease('a', 50_001, 30_000)).toBe(false);
    await leases.releaseLease('b');
    expect(await leases.acquireLease('a', 50_002, 30_000)).toBe(true);
  });

  it('goes to exactly one of twenty replicas asking at once, free or expired', async () => {
    for (const [app, now] of [
      ['app_race_free', 1_000],
      ['app_race_expired', 100_000],
    ] as const) {
      const leases = new SyncStore(async () => store.db, app);
      if (app === 'app_race_expired') expect(await leases.acquireLease('old', 1_000, 30_000)).toBe(true);
      const won = await Promise.all(Array.from({ length: 20 }, (_, i) => leases.acquireLease(`r${i}`, now, 30_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('keeps the signals any replica leaves beside the lease without touching it', async () => {
    const leases = new SyncStore(async () => store.db, 'app_signals');
    await leases.signal({ touched_ms: 5 });
    expect(await leases.acquireLease('a', 10, 30_000)).toBe(true);
    await leases.signal({ wanted_ms: 7 });
    expect(await leases.signals()).toEqual({ touched: 5, wanted: 7 });
    expect(await leases.acquireLease('b', 20, 30_000)).toBe(false);
  });
});
