/** The in-process cache: an LRU bounded by the size of what it holds, not by a count. */
import 'server-only';
import { LRUCache } from 'lru-cache';
import type { CacheEntry, CacheStore } from './cache-store';

export class MemoryCache implements CacheStore {
  private readonly lru: LRUCache<string, CacheEntry>;

  constructor(options: { maxBytes: number }) {
    this.lru = new LRUCache<string, CacheEntry>({
      maxSize: options.maxBytes,
      // Measured once when stored; JSON length is close enough to what the entry costs.
      sizeCalculation: (entry, key) => key.length + JSON.stringify(entry.data).length + 64,
      ttlAutopurge: false,
    });
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    this.lru.set(key, entry, { ttl: ttlMs });
  }

  get size(): number {
    return this.lru.size;
  }

  get calculatedSize(): number {
    return this.lru.calculatedSize;
  }
}
