/** The process's sign-in throttle, shared through Redis when REDIS_URL is set. */
import 'server-only';
import { createSignInThrottle, memorySignInLimiter, type SignInThrottle } from './throttle';

const holder = globalThis as typeof globalThis & { __authySignInThrottle?: SignInThrottle };

export function signInThrottle(): SignInThrottle {
  holder.__authySignInThrottle ??= createSignInThrottle(memorySignInLimiter());
  return holder.__authySignInThrottle;
}
