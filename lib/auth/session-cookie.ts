/**
 * The session cookie itself, apart from the store, so that proxy.ts can check and renew it on
 * every request without loading the database. The cookie is an iron-session seal (encrypted and
 * signed with SESSION_SECRET) of who signed in, when, and the user's session epoch.
 * - Idle timeout: the seal expires SESSION_IDLE_TIMEOUT_SECONDS after it was made; proxy.ts
 *   reseals it as requests come (at most once a minute), so only an unused session runs out.
 * - Absolute timeout: `signedInAt` older than SESSION_ABSOLUTE_TIMEOUT_SECONDS ends it however used.
 * - `Secure` when the request came over HTTPS, or as SESSION_COOKIE_SECURE forces.
 */
import 'server-only';
import { sealData, unsealData, type SessionOptions } from 'iron-session';
import { settings } from '../env';
import type { Protocol } from '../transport/client';
import type { SessionUser } from './roles';
import { sessionSecret } from './session-secret';

export type SessionData = { user?: SessionUser; signedInAt?: number; seenAt?: number; epoch?: number };
export type LiveSession = Required<SessionData>;

export const SESSION_COOKIE = 'authy_dashboard_session';

/** The idle clock moves forward (a fresh cookie) at most this often, not on every request. */
export const SESSION_RENEW_AFTER_MS = 60_000;

export function secureCookies(protocol: Protocol): boolean {
  const mode = settings().SESSION_COOKIE_SECURE;
  return mode === 'always' || (mode === 'auto' && protocol === 'https');
}

export function sessionOptions(secure: boolean): SessionOptions {
  const ttl = settings().SESSION_IDLE_TIMEOUT_SECONDS;
  return {
    cookieName: SESSION_COOKIE,
    password: sessionSecret(),
    ttl,
    // A minute short of the seal, as iron-session would set it: the browser drops the cookie first.
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: ttl - 60 },
  };
}

/** Whether unsealed data is a session inside its absolute lifetime (the seal checked the idle one). */
export function isLive(data: SessionData, now = Date.now()): data is LiveSession {
  const { user, signedInAt, seenAt, epoch } = data;
  if (!user || signedInAt === undefined || seenAt === undefined || epoch === undefined) return false;
  return now - signedInAt < settings().SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000;
}

/** The live session in a cookie's value, or null (none, forged, idle too long, too old). */
export async function openSession(sealed: string | undefined): Promise<LiveSession | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<SessionData>(sealed, { password: sessionSecret() });
    return isLive(data) ? data : null;
  } catch {
    return null;
  }
}

/** The same session sealed again with the idle clock at `now`, when it is due. */
export async function renewedSession(session: LiveSession, now = Date.now()): Promise<string | null> {
  if (now - session.seenAt < SESSION_RENEW_AFTER_MS) return null;
  return sealData(
    { ...session, seenAt: now },
    { password: sessionSecret(), ttl: settings().SESSION_IDLE_TIMEOUT_SECONDS },
  );
}
