import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-store';
import { MemoryCache } from './memory-cache';

const entry = (size: number): CacheEntry => ({
  data: { terms: [{ key: 'x'.repeat(size), count: 1 }], success: true },
  fetchedAt: 0,
  freshUntil: 1,
  staleUntil: 2,
});

describe('MemoryCache', () => {
  it('stays within its memory bound, evicting the least recently used', async () => {
    const cache = new MemoryCache({ maxBytes: 10_000 });
    for (let i = 0; i < 50; i++) await cache.set(`k${i}`, entry(1_000), 60_000);
    expect(cache.calculatedSize).toBeLessThanOrEqual(10_000);
    expect(await cache.get('k49')).toBeDefined();
    expect(await cache.get('k0')).toBeUndefined();
  });

  it('forgets an entry after its TTL', async () => {
    const cache = new MemoryCache({ maxBytes: 10_000 });
    await cache.set('k', entry(1), 20);
    expect(await cache.get('k')).toBeDefined();
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache.get('k')).toBeUndefined();
  });
});
