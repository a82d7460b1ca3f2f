/**
 * The sign-in throttle in Redis: two replicas (two throttles on their own connections) share
 * every count, so failures spread over both slow the account on both, and a burst of parallel
 * guesses over both replicas still gets one attempt per wait.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInThrottle, redisSignInLimiter, SIGN_IN_POLICY, type SignInThrottle } from '@/lib/auth/throttle';
import { testRedisUrl, uniquePrefix } from '@/test/support/redis';

const redisUrl = testRedisUrl();

async function fail(throttle: SignInThrottle, account: string, address: string) {
  expect((await throttle.admit({ account, address, device: null })).allowed).toBe(true);
}

async function refusedFor(throttle: SignInThrottle, account: string, address: string) {
  const admission = await throttle.admit({ account, address, device: null });
  expect(admission.allowed).toBe(false);
  return admission.allowed ? 0 : admission.retryAfterSeconds;
}

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

  it('counts failures from every replica together, and the waits grow on all of them', async () => {
    const prefix = uniquePrefix('signin');
    const [a, b] = [replica(prefix), replica(prefix)];
    for (let i = 0; i < SIGN_IN_POLICY.account.freeFailures; i++) await fail(i % 2 ? a : b, 'alice', `10.0.0.${i}`);
    expect(await refusedFor(a, 'alice', '10.0.1.1')).toBe(1);
    expect(await refusedFor(b, 'alice', '10.0.1.2')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await fail(b, 'alice', '10.0.1.3');
    expect(await refusedFor(a, 'alice', '10.0.1.4')).toBe(2);
    // Another account from another address is untouched.
    await fail(b, 'bob', '10.0.0.2');
  });

  it('lets one of a parallel burst over both replicas through a wait', async () => {
    const prefix = uniquePrefix('signin');
    const [a, b] = [replica(prefix), replica(prefix)];
    for (let i = 0; i < SIGN_IN_POLICY.account.freeFailures - 1; i++) await fail(a, 'dave', '10.0.0.1');
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).admit({ account: 'dave', address: `10.0.2.${i}`, device: null }),
      ),
    );
    expect(burst.filter((x) => x.allowed)).toHaveLength(1);
  });

  it('keeps the counts in Redis under the key prefix with the policy windows, and gives successes back', async () => {
    const prefix = uniquePrefix('signin');
    const throttle = replica(prefix);
    const probe = connections[connections.length - 1];
    await fail(throttle, 'carol', '192.0.2.5');
    const admission = await throttle.admit({ account: 'Carol', address: '192.0.2.5', device: null });
    const keys = {
      address: `authy:${prefix}:addr:192.0.2.5`,
      pair: `authy:${prefix}:pair:carol|192.0.2.5`,
      account: `authy:${prefix}:acct:carol`,
    };
    expect([await probe.get(keys.address), await probe.get(keys.pair), await probe.get(keys.account)]).toEqual([
      '2',
      '2',
      '2',
    ]);
    const ttl = (key: string) => probe.pttl(key).then((ms) => Math.round(ms / 1000));
    expect(await ttl(keys.address)).toBeGreaterThan(SIGN_IN_POLICY.address.windowSeconds - 10);
    expect(await ttl(keys.pair)).toBeGreaterThan(SIGN_IN_POLICY.accountAtAddress.windowSeconds - 10);
    expect(await ttl(keys.account)).toBeGreaterThan(SIGN_IN_POLICY.account.windowSeconds - 10);
    if (admission.allowed) await admission.succeeded();
    // The success is not a failure; the pair starts over; the account keeps its earlier failure.
    expect([await probe.get(keys.address), await probe.exists(keys.pair), await probe.get(keys.account)]).toEqual([
      '1',
      0,
      '1',
    ]);
  });
});
