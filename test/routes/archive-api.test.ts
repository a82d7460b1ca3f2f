/** GET /api/archive as the header's indicator calls it: signed in only, uncached, the status as the wiring gives it. */
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveStatus } from '@/lib/archive/sync/types';
import type { SessionUser } from '@/lib/auth/roles';

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  status: null as unknown,
  calls: 0,
}));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => state.user }));
vi.mock('@/lib/services', () => ({
  archiveStatus: async () => {
    state.calls += 1;
    if (state.status instanceof Error) throw state.status;
    return state.status;
  },
}));

const { GET } = await import('@/app/api/archive/route');

const status: ArchiveStatus = {
  mode: 'partial',
  coverage: [{ from: '2026-09-01T00:00:00.000Z', to: '2026-11-30T15:59:20.000Z' }],
  imported: [{ label: 'demo', from: '2025-01-01T00:00:00.000Z', to: '2026-09-01T00:00:00.000Z' }],
  verifiedThrough: '2026-11-30T14:00:00.000Z',
  verified: [{ from: '2026-09-01T00:00:00.000Z', to: '2026-11-30T14:00:00.000Z' }],
  lagSeconds: 40,
  backfill: { done: 12_000, total: 47_264, expectedEnd: '2026-11-30T19:00:00.000Z' },
  eventsHeld: 212_000,
  callsThisHour: { live: 60, verification: 2, backfill: 88, total: 150 },
  rollups: { hourly: [], countries: [], deviceTypes: [] },
  fit: {
    eventsPerHour: 4000,
    budgetPerHour: 150,
    steadyCallsPerHour: 73,
    keepDays: 58,
    measuredAt: '2026-11-30T00:00:00.000Z',
  },
  running: true,
  retentionDays: 400,
};

const viewer: SessionUser = { id: '7', name: 'vera', role: 'viewer' };

async function get() {
  const response = await GET(new NextRequest('http://127.0.0.1:3000/api/archive'), { params: Promise.resolve({}) });
  return { response, body: (await response.json()) as unknown };
}

beforeEach(() => {
  state.user = null;
  state.status = status;
  state.calls = 0;
});

describe('GET /api/archive', () => {
  it('answers 401 without a session, before asking the archive anything', async () => {
    const { response, body } = await get();
    expect(response.status).toBe(401);
    expect(body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(state.calls).toBe(0);
  });

  it('answers a viewer the status as JSON, never cached', async () => {
    state.user = viewer;
    const { response, body } = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toEqual(status);
  });

  it('turns a failure into the generic 500 envelope, without its detail', async () => {
    state.user = viewer;
    state.status = new Error('SQLITE_BUSY at /data/app.db');
    const { response, body } = await get();
    expect(response.status).toBe(500);
    expect(body).toEqual({
      error: { code: 'internal', message: 'Something went wrong on the server. It has been logged.' },
    });
    expect(JSON.stringify(body)).not.toContain('SQLITE');
  });
});
