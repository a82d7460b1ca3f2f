/**
 * Vitest global setup: one Redis server for the whole run, when `redis-server` is installed.
 * Tests read `inject('redisUrl')`; when it is null, `redisMissing` says why (tests that need
 * Redis fail under CI and skip locally with that reason).
 */
import type { TestProject } from 'vitest/node';
import { redisServerMissing, startTestRedis } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string | null;
    redisMissing: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = redisServerMissing();
  if (missing) {
    project.provide('redisUrl', null);
    project.provide('redisMissing', missing);
    return async () => {};
  }
  const redis = await startTestRedis();
  project.provide('redisUrl', redis.url);
  project.provide('redisMissing', null);
  return () => redis.stop();
}
