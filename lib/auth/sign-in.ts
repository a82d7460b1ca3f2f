/** Checks a name and password, with throttling and without telling which of the two was wrong. */
import 'server-only';
import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors';
import type { Database } from '../db/schema';
import { findUserByName, toSessionUser } from '../db/users';
import { decoyHash, verifyPassword } from './password';
import type { SessionUser } from './roles';
import type { SignInThrottle } from './throttle';

const REFUSED = 'That name and password do not match an account.';

export async function signIn(
  db: Kysely<Database>,
  throttle: SignInThrottle,
  attempt: { name: string; password: string; address: string },
): Promise<SessionUser> {
  const nameKey = `name:${attempt.name.toLowerCase()}`;
  const keys = [nameKey, `addr:${attempt.address}`];
  const wait = await throttle.blockedFor(keys);
  if (wait > 0) {
    throw new ApiError('rate_limited', 'Too many failed sign-ins. Try again later.', { retryAfterSeconds: wait });
  }
  const user = await findUserByName(db, attempt.name);
  // Verify against a decoy when there is no such user, so the answer takes as long either way.
  const ok = await verifyPassword(attempt.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok) {
    await throttle.recordFailure(keys);
    throw new ApiError('unauthorized', REFUSED);
  }
  await throttle.reset(nameKey);
  return toSessionUser(user);
}
