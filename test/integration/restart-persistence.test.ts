/**
 * A restart spends no upstream calls on settled windows: a new process (a fresh in-memory
 * cache) reads them from the store, on the embedded database and on Postgres alike.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PersistentCacheStore } from '@/lib/db/persistent-cache';
import { NOW, standaloneEmulator, totalRequests } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { httpServiceFor } from '@/test/support/services';
import { backends } from '@/test/support/stores';

type Standalone = Awaited<ReturnType<typeof standaloneEmulator>>;
let upstream: Standalone;

beforeAll(async () => {
  upstream = await standaloneEmulator();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const day = 86_400_000;
const settledTerms = {
  field: 'objects.device.s_device_type',
  size: 10,
  scope: [
    { attribute: 'time', operator: 'gte' as const, value: new Date(NOW - 40 * day).toISOString() },
    { attribute: 'time', operator: 'lt' as const, value: new Date(NOW - 10 * day).toISOString() },
  ],
};
const liveTerms = { field: 'event', size: 10, scope: [] };

describe.each(backends)('restart with the store on $name', (backend) => {
  it('answers a settled window from the store after a restart, and asks again for a live one', async () => {
    const { store, close } = await backend.open();
    const persistent = () =>
      new PersistentCacheStore(
        async () => store.db,
        () => NOW,
      );
    const before = httpServiceFor(upstream.url, { clock: new ManualClock(NOW), persistent: persistent() });
    const first = await before.service.terms(settledTerms);
    await before.service.terms(liveTerms);
    expect(totalRequests(await upstream.stats())).toBe(2);

    // The "restarted" process: a new service, new memory cache, the same store.
    const after = httpServiceFor(upstream.url, { clock: new ManualClock(NOW), persistent: persistent() });
    const again = await after.service.terms(settledTerms);
    expect(again.data).toEqual(first.data);
    expect(totalRequests(await upstream.stats())).toBe(2);
    await after.service.terms(liveTerms);
    expect(totalRequests(await upstream.stats())).toBe(3);
    await close();
  });
});
