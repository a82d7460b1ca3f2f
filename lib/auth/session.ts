/**
 * The session as route handlers and server components see it (the cookie: session-cookie.ts).
 * Every request checks the user against the store: a removed user, or one whose password was
 * changed since this session began (their session epoch moved on), is signed out.
 */
import 'server-only';
import { getIronSession } from 'iron-session';
import { cookies, headers } from 'next/headers';
import { db } from '../db';
import { findUserById, toSessionUser } from '../db/users';
import { settings } from '../env';
import { resolveClient, type Client } from '../transport/client';
import type { SessionUser } from './roles';
import { isLive, secureCookies, sessionOptions, type SessionData } from './session-cookie';

/** Who sent the request being handled, and over what (TRUST_PROXY decides whom to believe). */
export async function requestClient(): Promise<Client> {
  return resolveClient(await headers(), settings().TRUST_PROXY);
}

export async function getSession() {
  const { protocol } = await requestClient();
  return getIronSession<SessionData>(await cookies(), sessionOptions(secureCookies(protocol)));
}

/** The signed-in user, as the store has them now, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getSession();
  if (!isLive(session)) return null;
  const user = await findUserById(await db(), session.user.id);
  return user && user.session_epoch === session.epoch ? toSessionUser(user) : null;
}

/** Starts a session from nothing: whatever cookie came with the request (a planted one, too) is replaced. */
export async function beginSession(user: SessionUser, epoch: number): Promise<void> {
  const session = await getSession();
  session.destroy();
  const now = Date.now();
  Object.assign(session, { user, signedInAt: now, seenAt: now, epoch });
  await session.save();
}
