/**
 * The device cookie ("device cookies" in OWASP's guidance on online guessing): a browser that
 * signed in to an account carries a sealed note of it, so the sign-in throttle knows that
 * browser afterwards and counts its failures on their own. A guesser hammering the account from
 * elsewhere then slows only the guesser's attempts, never the owner's. Sent to /api/session only.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { sessionSecret } from './session-secret';
import { SIGN_IN_POLICY } from './throttle';

export const DEVICE_COOKIE = 'authy_dashboard_device';
const REMEMBER_SECONDS = SIGN_IN_POLICY.knownDevice.rememberDays * 24 * 60 * 60;

const deviceSchema = z.object({ purpose: z.literal('sign-in-device'), account: z.string(), id: z.uuid() });

type CookieJar = {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: Record<string, unknown>): unknown;
};

/** This browser's device id when its cookie was issued for `account`, else null. */
export async function knownDevice(jar: CookieJar, account: string): Promise<string | null> {
  const sealed = jar.get(DEVICE_COOKIE)?.value;
  if (!sealed) return null;
  try {
    const note = deviceSchema.safeParse(await unsealData(sealed, { password: sessionSecret() }));
    return note.success && note.data.account === account.toLowerCase() ? note.data.id : null;
  } catch {
    return null;
  }
}

/** A new device id for this browser and `account` (after a successful sign-in). */
export async function rememberDevice(jar: CookieJar, account: string, secure: boolean): Promise<void> {
  const note = { purpose: 'sign-in-device', account: account.toLowerCase(), id: randomUUID() };
  const sealed = await sealData(note, { password: sessionSecret(), ttl: REMEMBER_SECONDS });
  jar.set(DEVICE_COOKIE, sealed, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/api/session',
    maxAge: REMEMBER_SECONDS - 60,
  });
}
