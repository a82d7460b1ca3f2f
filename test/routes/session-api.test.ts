/**
 * POST /api/session behind server.mjs's peer stamp, with TRUST_PROXY=loopback: who the client is
 * (forwarded headers believed from the trusted proxy only), what the throttle counts, the cookies
 * it sets, and the sessions a password change or a removal ends. The throttle's counts are the
 * real policy except the address limit, lowered to 3 so that the attacks below stay short.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stampedHeaders } from '@/test/support/transport';

const SECRET = 'session-api-test-secret-of-32-chars';
const dataDir = mkdtempSync(path.join(tmpdir(), 'session-api-'));
vi.stubEnv('DATA_DIR', dataDir);
vi.stubEnv('SESSION_SECRET', SECRET);
vi.stubEnv('TRUST_PROXY', 'loopback');

type Cookie = { value: string; options: Record<string, unknown> };
const state = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, Cookie>() }));

vi.mock('next/headers', () => ({
  headers: async () => state.headers,
  cookies: async () => ({
    get: (name: string) => (state.jar.has(name) ? { name, value: state.jar.get(name)?.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => state.jar.set(name, { value, options }),
  }),
}));

vi.mock('@/lib/auth/instance', async () => {
  const { createSignInThrottle, memorySignInLimiter, SIGN_IN_POLICY } = await import('@/lib/auth/throttle');
  const throttle = createSignInThrottle(memorySignInLimiter(), {
    ...SIGN_IN_POLICY,
    address: { failures: 3, windowSeconds: 60 },
  });
  return { signInThrottle: () => throttle };
});

const { POST, DELETE } = await import('@/app/api/session/route');
const { currentUser } = await import('@/lib/auth/session');
const { openSession, SESSION_COOKIE } = await import('@/lib/auth/session-cookie');
const { DEVICE_COOKIE } = await import('@/lib/auth/device');
const { db } = await import('@/lib/db');
const { createUser, removeUser, setPassword } = await import('@/lib/db/users');
const { sealData } = await import('iron-session');

const ALICE = { username: 'alice', password: 'alice-password-1' };
const BOB = { username: 'bob', password: 'bob-password-12' };

beforeAll(async () => {
  await createUser(await db(), { name: ALICE.username, password: ALICE.password, role: 'member' });
  await createUser(await db(), { name: BOB.username, password: BOB.password, role: 'viewer' });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => state.jar.clear());

/** A POST /api/session as server.mjs hands it to Next: from `peer`, with `headers`, and the jar's cookies. */
async function signInFrom(peer: string, credentials: { username: string; password: string }, headers = {}) {
  state.headers = stampedHeaders(peer, { host: 'dashboard.test', 'content-type': 'application/json', ...headers });
  const request = new NextRequest('http://dashboard.test/api/session', {
    method: 'POST',
    headers: state.headers,
    body: JSON.stringify(credentials),
  });
  return POST(request, { params: Promise.resolve({}) });
}

const wrong = (username: string) => ({ username, password: 'not-the-password' });

describe('who is counted', () => {
  it('an untrusted peer rotating X-Forwarded-For is counted as itself', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await signInFrom('192.0.2.66', wrong(`rotating${i}`), { 'x-forwarded-for': `10.0.0.${i}` });
      expect(response.status).toBe(401);
    }
    const refused = await signInFrom('192.0.2.66', ALICE, { 'x-forwarded-for': '10.0.0.99' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    expect((await signInFrom('192.0.2.67', ALICE)).status).toBe(200);
  });

  it('clients behind the trusted proxy are told apart by the address it forwards', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await signInFrom('127.0.0.1', wrong(`proxied${i}`), { 'x-forwarded-for': '203.0.113.1' });
      expect(response.status).toBe(401);
    }
    expect((await signInFrom('127.0.0.1', BOB, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    // What a client wrote in front of the proxy's entry does not count either.
    expect((await signInFrom('127.0.0.1', BOB, { 'x-forwarded-for': '203.0.113.2, 203.0.113.1' })).status).toBe(429);
    expect((await signInFrom('127.0.0.1', BOB, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);
  });
});

describe('cookies', () => {
  it('are Secure when the trusted proxy says the request came over HTTPS, not when a client claims it', async () => {
    expect((await signInFrom('127.0.0.1', BOB, { 'x-forwarded-proto': 'https' })).status).toBe(200);
    expect(state.jar.get(SESSION_COOKIE)?.options).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax' });
    expect(state.jar.get(DEVICE_COOKIE)?.options).toMatchObject({ secure: true, path: '/api/session' });
    state.jar.clear();
    expect((await signInFrom('192.0.2.70', BOB, { 'x-forwarded-proto': 'https' })).status).toBe(200);
    expect(state.jar.get(SESSION_COOKIE)?.options).toMatchObject({ secure: false });
  });

  it('a sign-in replaces whatever session cookie came with it', async () => {
    const planted = await sealData(
      { user: { id: 'x', name: 'mallory', role: 'admin' }, signedInAt: Date.now(), seenAt: Date.now(), epoch: 0 },
      { password: SECRET },
    );
    state.jar.set(SESSION_COOKIE, { value: planted, options: {} });
    const before = Date.now();
    expect((await signInFrom('192.0.2.71', BOB)).status).toBe(200);
    const cookie = state.jar.get(SESSION_COOKIE)?.value;
    expect(cookie).not.toBe(planted);
    const session = await openSession(cookie);
    expect(session?.user.name).toBe('bob');
    expect(session?.signedInAt).toBeGreaterThanOrEqual(before);
  });
});

describe('sessions end', () => {
  it('when the password changes, and when the user is removed', async () => {
    const carol = { username: 'carol', password: 'carol-password-1' };
    await createUser(await db(), { name: carol.username, password: carol.password, role: 'member' });
    expect((await signInFrom('192.0.2.72', carol)).status).toBe(200);
    expect((await currentUser())?.name).toBe('carol');
    await setPassword(await db(), 'carol', 'carol-password-2');
    expect(await currentUser()).toBeNull();
    expect((await signInFrom('192.0.2.72', { ...carol, password: 'carol-password-2' })).status).toBe(200);
    expect((await currentUser())?.name).toBe('carol');
    await removeUser(await db(), 'carol');
    expect(await currentUser()).toBeNull();
  });

  it('when the user signs out', async () => {
    expect((await signInFrom('192.0.2.73', BOB)).status).toBe(200);
    expect((await currentUser())?.name).toBe('bob');
    expect(
      (
        await DELETE(new NextRequest('http://dashboard.test/api/session', { method: 'DELETE' }), {
          params: Promise.resolve({}),
        })
      ).status,
    ).toBe(204);
    expect(await currentUser()).toBeNull();
  });
});

describe('a burst against an account', () => {
  it('does not slow the browser its owner signed in from', async () => {
    expect((await signInFrom('192.0.2.80', ALICE)).status).toBe(200);
    const ownersBrowser = new Map(state.jar);
    state.jar.clear();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await signInFrom(`198.51.100.${i}`, wrong('alice'))).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await signInFrom('192.0.2.80', ALICE)).status).toBe(429);
    state.jar = ownersBrowser;
    expect((await signInFrom('192.0.2.80', ALICE)).status).toBe(200);
  });
});
