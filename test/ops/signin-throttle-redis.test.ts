/**
 * The sign-in throttle in Redis: two replicas (two throttles on their own connections) share
 * one count, so five failures spread over both block the name on both; a success resets it.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInThrottle, redisSignInLimiter, SIGN_IN_POLICY } from '@/lib/auth/throttle';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('sign-in throttle in Redis', () => {
  const connections: Redis[] = [];
  const replica = (prefix: string) => {
    const redis = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
    connections.push(redis);
    return createSignInThrottle(redisSignInLimiter(redis, prefix));
  };
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('counts failures from every replica together and blocks on all of them', async () => {
    const prefix = uniquePrefix('signin');
    const [a, b] = [replica(prefix), replica(prefix)];
    const keys = ['name:alice', 'addr:10.0.0.1'];
    for (let i = 0; i < SIGN_IN_POLICY.points - 1; i++) await (i % 2 ? a : b).recordFailure(keys);
    expect(await a.blockedFor(keys)).toBe(0);
    expect(await b.blockedFor(keys)).toBe(0);
    await a.recordFailure(keys);
    const blockedA = await a.blockedFor(keys);
    expect(blockedA).toBeGreaterThan(SIGN_IN_POLICY.durationSeconds - 10);
    expect(blockedA).toBeLessThanOrEqual(SIGN_IN_POLICY.durationSeconds);
    expect(await b.blockedFor(['name:alice'])).toBeGreaterThan(0);
    // Another name from another address is untouched.
    expect(await b.blockedFor(['name:bob', 'addr:10.0.0.2'])).toBe(0);
  });

  it('keeps the count in Redis under the policy key prefix, with the policy TTL', async () => {
    const prefix = uniquePrefix('signin');
    const throttle = replica(prefix);
    await throttle.recordFailure(['name:carol']);
    const probe = connections[0];
    const key = `authy:${prefix}:name:carol`;
    expect(await probe.get(key)).toBe('1');
    const ttl = await probe.pttl(key);
    expect(ttl).toBeGreaterThan((SIGN_IN_POLICY.durationSeconds - 10) * 1000);
    await throttle.reset('name:carol');
    expect(await probe.exists(key)).toBe(0);
  });

  it('a reset on one replica clears the block for the other', async () => {
    const prefix = uniquePrefix('signin');
    const [a, b] = [replica(prefix), replica(prefix)];
    for (let i = 0; i < SIGN_IN_POLICY.points; i++) await a.recordFailure(['name:dave']);
    expect(await b.blockedFor(['name:dave'])).toBeGreaterThan(0);
    await b.reset('name:dave');
    expect(await a.blockedFor(['name:dave'])).toBe(0);
  });
});
