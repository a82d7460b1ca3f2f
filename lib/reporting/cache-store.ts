/**
 * Where answers are kept. The service talks to this interface only: an LRU in memory by
 * default, Redis when several replicas share one cache, and (later) a database tier for
 * immutable entries that should survive a restart, passed to the service as `persistent`.
 */
import 'server-only';
import { z } from 'zod';
import { eventsResponseSchema, histogramResponseSchema, termsResponseSchema } from '../authy/responses';
import type { RefreshLock } from './refresh-lock';
import type { UpstreamResponse } from './types';

export type CacheEntry = {
  data: UpstreamResponse;
  /** Epoch ms when the upstream answered. */
  fetchedAt: number;
  /** Served as a hit until then... */
  freshUntil: number;
  /** ...and as stale (while one refresh runs) until then. The store may drop it after. */
  staleUntil: number;
};

export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  /** Keeps `entry` for `ttlMs`, after which `get` no longer returns it. */
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  /** A store shared by replicas offers this, so that only one of them refreshes a stale key. */
  readonly refreshLock?: RefreshLock;
}

/** For stores that hold entries outside this process: what comes back is checked, not trusted. */
export const cacheEntrySchema = z.object({
  data: z.union([eventsResponseSchema, histogramResponseSchema, termsResponseSchema]),
  fetchedAt: z.number(),
  freshUntil: z.number(),
  staleUntil: z.number(),
});
