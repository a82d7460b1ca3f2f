/**
 * The sign-in throttle: failed sign-ins are counted per client address, per account at an
 * address, and per account, so that a guesser is slowed and stopped without locking anyone
 * else out (the policy in words: README, "Sign-in and users"). A browser that signed in to an
 * account before is counted on its own and never slowed by other people's failures.
 * Counters use rate-limiter-flexible, in Redis when REDIS_URL is set so every replica agrees.
 * An attempt is counted before its password is checked, so a burst of parallel guesses cannot
 * slip through between a check and a count; an attempt that is refused is not counted.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { addressKey } from './address-key';

type Counted = { failures: number; windowSeconds: number };

export type SignInPolicy = {
  address: Counted;
  accountAtAddress: Counted;
  account: { freeFailures: number; windowSeconds: number; firstDelaySeconds: number; maxDelaySeconds: number };
  knownDevice: Counted & { rememberDays: number };
};

export const SIGN_IN_POLICY: SignInPolicy = {
  /** Failures from one client address, whatever the account: a guesser trying many names. */
  address: { failures: 100, windowSeconds: 60 * 60 },
  /** Failures for one account from one address: a guesser working on one account. */
  accountAtAddress: { failures: 10, windowSeconds: 15 * 60 },
  /**
   * Failures for one account from anywhere: five come as fast as they are typed; from the fifth
   * on, each attempt makes the next one wait 1 s, 2 s, 4 s … up to 5 minutes. The count ends
   * with its window (from the first failure), not with a success.
   */
  account: { freeFailures: 5, windowSeconds: 24 * 60 * 60, firstDelaySeconds: 1, maxDelaySeconds: 5 * 60 },
  /** A browser that signed in to the account within `rememberDays` (lib/auth/device.ts): its own count. */
  knownDevice: { failures: 5, windowSeconds: 15 * 60, rememberDays: 30 },
};

export type SignInAttempt = {
  account: string;
  /** The client's address (lib/transport), or null when unknown. */
  address: string | null;
  /** The id from this browser's device cookie when it is for this account, else null. */
  device: string | null;
};

export type Admission =
  | { allowed: true; /** Call when the password was right. */ succeeded(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

export type SignInThrottle = { admit(attempt: SignInAttempt): Promise<Admission> };

/** Builds one counter: `points` per `durationSeconds`, its keys under `name`. */
export type LimiterFactory = (name: string, points: number, durationSeconds: number) => RateLimiterAbstract;

/** No ceiling: the account counter only counts; its delays come from the gate. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

type Taken = { limiter: RateLimiterAbstract; key: string };

export function createSignInThrottle(limiter: LimiterFactory, policy: SignInPolicy = SIGN_IN_POLICY): SignInThrottle {
  const address = limiter('addr', policy.address.failures, policy.address.windowSeconds);
  const pair = limiter('pair', policy.accountAtAddress.failures, policy.accountAtAddress.windowSeconds);
  const account = limiter('acct', UNLIMITED, policy.account.windowSeconds);
  const gate = limiter('gate', 1, policy.account.maxDelaySeconds);
  const device = limiter('device', policy.knownDevice.failures, policy.knownDevice.windowSeconds);

  /** The wait the n-th attempt opens before the next one may start (none before the last free one). */
  const waitAfter = (n: number) =>
    Math.min(policy.account.firstDelaySeconds * 2 ** (n - policy.account.freeFailures), policy.account.maxDelaySeconds);

  return {
    async admit(attempt) {
      const name = attempt.account.toLowerCase();
      if (attempt.device) {
        const own = { limiter: device, key: attempt.device };
        const result = await take(own);
        if (result.ok) return { allowed: true, succeeded: () => forget(own) };
        await give(own); // past its own count, the browser is treated like any other
      }
      const where = addressKey(attempt.address);
      const counters = {
        address: { limiter: address, key: where },
        pair: { limiter: pair, key: `${name}|${where}` },
        account: { limiter: account, key: name },
        gate: { limiter: gate, key: name },
      };
      const taken: Taken[] = [];
      const refuse = async (res: RateLimiterRes): Promise<Admission> => {
        await Promise.all(taken.map(give));
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      };
      for (const counter of [counters.address, counters.pair]) {
        const result = await take(counter);
        taken.push(counter);
        if (!result.ok) return refuse(result.res);
      }
      const n = (await take(counters.account)).res.consumedPoints;
      taken.push(counters.account);
      if (n >= policy.account.freeFailures) {
        // One attempt per wait, atomically: the first to create the gate passes, the rest wait it out.
        const result = await take(counters.gate, waitAfter(n));
        taken.push(counters.gate);
        if (!result.ok) return refuse(result.res);
      }
      return {
        allowed: true,
        // The account's failures and its gate stay: a guesser elsewhere must not get fresh free
        // tries from the owner's success. The owner's browser is known from now on (device.ts).
        succeeded: async () => {
          await Promise.all([give(counters.address), forget(counters.pair), give(counters.account)]);
        },
      };
    },
  };
}

async function take({ limiter, key }: Taken, customDuration?: number): Promise<{ ok: boolean; res: RateLimiterRes }> {
  try {
    return { ok: true, res: await limiter.consume(key, 1, customDuration ? { customDuration } : {}) };
  } catch (rejection) {
    // The library rejects with its result object when a key is spent, and with an Error when the store fails.
    if (rejection instanceof RateLimiterRes) return { ok: false, res: rejection };
    throw rejection;
  }
}

async function give({ limiter, key }: Taken): Promise<void> {
  await limiter.reward(key, 1);
}

async function forget({ limiter, key }: Taken): Promise<void> {
  await limiter.delete(key);
}

export function memorySignInLimiter(keyPrefix = 'signin'): LimiterFactory {
  return (name, points, duration) => new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:${name}` });
}

/**
 * The same counters in Redis, so a guesser cannot spread attempts over replicas. While Redis
 * is away in-memory insurance counters take over: sign-in keeps working, throttled per
 * replica, rather than failing for everyone.
 */
export function redisSignInLimiter(redis: Redis, keyPrefix = 'signin'): LimiterFactory {
  return (name, points, duration) =>
    new RateLimiterRedis({
      storeClient: redis,
      points,
      duration,
      keyPrefix: `authy:${keyPrefix}:${name}`,
      insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:${name}` }),
    });
}
