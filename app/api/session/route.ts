// POST /api/session signs in, GET returns the signed-in user, DELETE signs out.
import { z } from 'zod';
import { readJson, route } from '@/lib/api/route';
import { signInThrottle } from '@/lib/auth/instance';
import { getSession } from '@/lib/auth/session';
import { signIn } from '@/lib/auth/sign-in';
import { db } from '@/lib/db';

const credentialsSchema = z.object({
  username: z.string({ error: 'username is required' }).min(1, { error: 'username is required' }).max(64),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }).max(256),
});

function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'local';
}

export const POST = route('public', async ({ request }) => {
  const { username, password } = await readJson(request, credentialsSchema);
  const user = await signIn(await db(), signInThrottle(), {
    name: username,
    password,
    address: clientAddress(request),
  });
  const session = await getSession();
  // A fresh seal on every sign-in: nothing from a previous session carries over.
  session.destroy();
  session.user = user;
  session.signedInAt = Date.now();
  await session.save();
  return Response.json({ user: { name: user.name, role: user.role } });
});

export const GET = route('viewer', async ({ user }) => Response.json({ user: { name: user.name, role: user.role } }));

export const DELETE = route('public', async () => {
  const session = await getSession();
  session.destroy();
  return new Response(null, { status: 204 });
});
