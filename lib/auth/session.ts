/**
 * The session: an iron-session encrypted HttpOnly cookie holding who is signed in. Nothing
 * else about the user, and never the API key.
 */
import 'server-only';
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { settings } from '../env';
import type { SessionUser } from './roles';
import { sessionSecret } from './session-secret';

export type SessionData = { user?: SessionUser; signedInAt?: number };

export const SESSION_COOKIE = 'authy_dashboard_session';
const SESSION_TTL_SECONDS = 8 * 60 * 60;

export function sessionOptions(): SessionOptions {
  return {
    cookieName: SESSION_COOKIE,
    password: sessionSecret(),
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: settings().NODE_ENV === 'production',
      path: '/',
    },
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getSession();
  return session.user ?? null;
}
