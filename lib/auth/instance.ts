/** The process's sign-in throttle, shared through Redis when REDIS_URL is set. */
import 'server-only';
import { sharedRedis } from '../services';
import { createSignInThrottle, memorySignInLimiter, redisSignInLimiter, type SignInThrottle } from './throttle';

const holder = globalThis as typeof globalThis & { __authySignInThrottle?: SignInThrottle };

export function signInThrottle(): SignInThrottle {
  if (!holder.__authySignInThrottle) {
    const redis = sharedRedis();
    holder.__authySignInThrottle = createSignInThrottle(redis ? redisSignInLimiter(redis) : memorySignInLimiter());
  }
  return holder.__authySignInThrottle;
}
