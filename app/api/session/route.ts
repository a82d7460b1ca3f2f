// POST /api/session signs in, GET returns the signed-in user, DELETE signs out.
import { cookies } from 'next/headers';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { readJson, route } from '@/lib/api/route';
import { knownDevice, rememberDevice } from '@/lib/auth/device';
import { signInThrottle } from '@/lib/auth/instance';
import { beginSession, getSession, requestClient } from '@/lib/auth/session';
import { secureCookies } from '@/lib/auth/session-cookie';
import { signIn } from '@/lib/auth/sign-in';
import { transportWarning } from '@/lib/auth/transport-warning';
import { db } from '@/lib/db';
import { settings } from '@/lib/env';
import { log } from '@/lib/log';

const credentialsSchema = z.object({
  username: z.string({ error: 'username is required' }).min(1, { error: 'username is required' }).max(64),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }).max(256),
});

export const POST = route('public', async ({ request }) => {
  const { username, password } = await readJson(request, credentialsSchema);
  const client = await requestClient();
  const jar = await cookies();
  const attempt = { account: username, password, address: client.address, device: await knownDevice(jar, username) };
  const { user, epoch } = await signIn(await db(), signInThrottle(), attempt).catch((error: unknown) => {
    // Who tried what from where: the trail a team reads after an attack (never the password).
    if (error instanceof ApiError)
      log.warn({ account: username, address: client.address, code: error.code }, 'sign-in refused');
    throw error;
  });
  await beginSession(user, epoch);
  await rememberDevice(jar, username, secureCookies(client.protocol));
  log.info({ user: user.name, address: client.address, protocol: client.protocol }, 'signed in');
  const warning = transportWarning(client.protocol, request.headers.get('host'), settings().SESSION_COOKIE_SECURE);
  if (warning) log.warn({ code: warning.code, host: request.headers.get('host') }, warning.message);
  return Response.json({ user: { name: user.name, role: user.role } });
});

export const GET = route('viewer', async ({ user }) => Response.json({ user: { name: user.name, role: user.role } }));

export const DELETE = route('public', async () => {
  const session = await getSession();
  session.destroy();
  return new Response(null, { status: 204 });
});
