/** Checks a name and password, with throttling and without telling which of the two was wrong. */
import 'server-only';
import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors';
import type { Database } from '../db/schema';
import { findUserByName, toSessionUser } from '../db/users';
import { decoyHash, verifyPassword } from './password';
import type { SessionUser } from './roles';
import type { SignInAttempt, SignInThrottle } from './throttle';

const REFUSED = 'That name and password do not match an account.';

export async function signIn(
  db: Kysely<Database>,
  throttle: SignInThrottle,
  attempt: SignInAttempt & { password: string },
): Promise<{ user: SessionUser; epoch: number }> {
  const admission = await throttle.admit(attempt);
  if (!admission.allowed) {
    const wait = admission.retryAfterSeconds;
    throw new ApiError('rate_limited', `Too many failed sign-ins. Try again in ${waitText(wait)}.`, {
      retryAfterSeconds: wait,
    });
  }
  const user = await findUserByName(db, attempt.account);
  // Verify against a decoy when there is no such user, so the answer takes as long either way.
  const ok = await verifyPassword(attempt.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok) throw new ApiError('unauthorized', REFUSED);
  await admission.succeeded();
  return { user: toSessionUser(user), epoch: user.session_epoch };
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
