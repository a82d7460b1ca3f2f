/**
 * The process's MAU service: the reporting service for every upstream question, the store for
 * partition state, the settings for budget and events. Built once per process
 * (`processSingleton`), as `lib/services.ts` does for the reporting service. A store that fails is logged and
 * worked around (the month is recounted later), never a reason to fail the request.
 */
import 'server-only';
import type { z } from 'zod';
import { db } from '../../db';
import { DbKeyValueStore, type KeyValueStore } from '../../db/kv';
import { settings } from '../../env';
import { log } from '../../log';
import { processSingleton } from '../../process-singleton';
import { archiveAnswers, reportingService } from '../../services';
import { MauService } from './mau-service';

class TolerantStore implements KeyValueStore {
  constructor(private readonly inner: KeyValueStore) {}

  async get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    return this.inner.get(key, schema).catch((err: unknown) => {
      log.warn({ err }, 'MAU state read failed; counting the month afresh');
      return undefined;
    });
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    await this.inner.set(key, value, ttlMs).catch((err: unknown) => log.warn({ err }, 'MAU state write failed'));
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key).catch((err: unknown) => log.warn({ err }, 'MAU state delete failed'));
  }
}

export function mauService(): MauService {
  return processSingleton('mau-service', () => {
    const s = settings();
    return new MauService({
      terms: (query, options) => reportingService().terms(query, options),
      store: new TolerantStore(new DbKeyValueStore(db)),
      now: () => reportingService().now(),
      callBudget: s.MAU_CALL_BUDGET,
      events: s.MAU_EVENTS,
      settleMarginMs: s.CACHE_SETTLE_MARGIN_SECONDS * 1000,
      archive: archiveAnswers() ?? undefined,
      upstreamKnownFrom: () => reportingService().upstreamKnownFrom(),
    });
  });
}
