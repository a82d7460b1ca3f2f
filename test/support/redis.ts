/**
 * The test run's Redis (started by test/support/global-setup.ts), or why there is none. Under CI a
 * missing Redis is a failure; locally the Redis tests skip and say why.
 */
import 'server-only';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

export function testRedisUrl(): string | null {
  const url = inject('redisUrl');
  if (url) return url;
  const reason = inject('redisMissing') ?? 'no Redis server';
  if (process.env.CI) throw new Error(`Redis tests need a Redis server under CI: ${reason}`);
  console.warn(`Skipping Redis tests: ${reason}`);
  return null;
}

/** A key prefix no other test file shares, so files can run in parallel on one Redis. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}
