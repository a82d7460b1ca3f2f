/** The saved-reports API as members, viewers and admins use it, on the embedded store. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/roles';

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => state.user }));
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'reports-api-'));

const { GET: list, POST: create } = await import('@/app/api/reports/route');
const one = await import('@/app/api/reports/[id]/route');
const { db } = await import('@/lib/db');
const { createUser } = await import('@/lib/db/users');

const users: Record<string, SessionUser> = {};
const base = 'http://127.0.0.1:3000/api/reports';

function call(
  handler: (r: NextRequest, c: { params: Promise<unknown> }) => Promise<Response>,
  as: string,
  init: { method?: string; body?: unknown; id?: string } = {},
) {
  state.user = users[as] ?? null;
  const url = init.id ? `${base}/${init.id}` : base;
  const request = new NextRequest(url, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined && {
      body: JSON.stringify(init.body),
      headers: { 'content-type': 'application/json' },
    }),
  });
  return handler(request, { params: Promise.resolve({ id: init.id }) });
}

beforeAll(async () => {
  const database = await db();
  for (const [name, role] of [
    ['alice', 'member'],
    ['bob', 'member'],
    ['vic', 'viewer'],
    ['root', 'admin'],
  ] as const) {
    users[name] = await createUser(database, { name, role, password: 'password for tests' });
  }
});

describe('saved reports API', () => {
  let id: string;

  it('saves a view for a member: 201 with id and a stable short link', async () => {
    const response = await call(create, 'alice', {
      method: 'POST',
      body: { name: 'Brazil failures', description: 'by day', path: '/events?range=7d&f=event~eq~token_invalid' },
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ name: 'Brazil failures', page: '/events', owner: { name: 'alice' }, canManage: true });
    expect(response.headers.get('Location')).toBe(`/r/${body.id}`);
    id = body.id;
  });

  it('lists it for everyone, with who may manage it', async () => {
    const asBob = await (await call(list, 'bob')).json();
    expect(asBob.reports.find((r: { id: string }) => r.id === id)).toMatchObject({ canManage: false });
    const asRoot = await (await call(list, 'root')).json();
    expect(asRoot.reports.find((r: { id: string }) => r.id === id)).toMatchObject({ canManage: true });
  });

  it('refuses a path outside the page contract, naming the field', async () => {
    for (const bad of ['https://evil.example/', '/events?range=forever', '/nowhere', '/events?nope=1']) {
      const response = await call(create, 'alice', { method: 'POST', body: { name: 'x', path: bad } });
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error.field).toBe('path');
    }
    const noName = await call(create, 'alice', { method: 'POST', body: { path: '/events' } });
    expect((await noName.json()).error).toMatchObject({ field: 'name', message: 'name is required' });
  });

  it('forbids a viewer to save, and another member to rename or delete', async () => {
    expect((await call(create, 'vic', { method: 'POST', body: { name: 'x', path: '/events' } })).status).toBe(403);
    expect((await call(one.PATCH, 'bob', { method: 'PATCH', id, body: { name: 'mine now' } })).status).toBe(403);
    expect((await call(one.DELETE, 'bob', { method: 'DELETE', id })).status).toBe(403);
    expect((await call(one.DELETE, 'vic', { method: 'DELETE', id })).status).toBe(403);
  });

  it('lets the owner rename, and an admin delete', async () => {
    const renamed = await call(one.PATCH, 'alice', {
      method: 'PATCH',
      id,
      body: { name: 'Brazil failed verifications' },
    });
    expect((await renamed.json()).name).toBe('Brazil failed verifications');
    expect((await call(one.GET, 'vic', { id })).status).toBe(200);
    expect((await call(one.DELETE, 'root', { method: 'DELETE', id })).status).toBe(204);
    expect((await call(one.GET, 'alice', { id })).status).toBe(404);
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    state.user = users.alice;
    const request = new NextRequest(base, { method: 'POST', body: '{nope' });
    const response = await create(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe('body');
  });

  it('refuses a cross-site mutation', async () => {
    state.user = users.alice;
    const request = new NextRequest(base, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', path: '/events' }),
      headers: { origin: 'https://evil.example', host: '127.0.0.1:3000' },
    });
    expect((await create(request, { params: Promise.resolve({}) })).status).toBe(403);
  });
});

describe('every dashboard page can be saved', () => {
  it.each([
    '/?range=24h&interval=hour',
    '/histogram?range=7d&interval=1.5h',
    '/terms?field=event&size=20',
    '/events?page=3',
    '/users?range=12mo&month=2026-10',
  ])('accepts %s', async (path) => {
    const response = await call(create, 'alice', { method: 'POST', body: { name: path, path } });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  });
});
