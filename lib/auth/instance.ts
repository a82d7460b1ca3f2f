/** The process's sign-in throttle, shared through Redis when REDIS_URL is set. */
import 'server-only';
import { processSingleton } from '../process-singleton';
import { sharedRedis } from '../services';
import { createSignInThrottle, memorySignInLimiter, redisSignInLimiter, type SignInThrottle } from './throttle';

export function signInThrottle(): SignInThrottle {
  return processSingleton('sign-in-throttle', () => {
    const redis = sharedRedis();
    return createSignInThrottle(redis ? redisSignInLimiter(redis) : memorySignInLimiter());
  });
}
