/**
 * GET /api/archive through the real wiring (lib/services.ts) on an embedded store: the status of
 * a sync that exists but has not run, and mode off with nothing covered under ARCHIVE=off. The
 * API key never appears in the answer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetProcessSingletons } from '@/test/support/process-singletons';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 'vera', role: 'viewer' }) }));

const KEY = 'archive-route-test-key-5f3c0b';
const saved = { ...process.env };

async function getStatus(env: Record<string, string>) {
  vi.resetModules();
  forgetProcessSingletons();
  delete process.env.AUTHY_API_KEY;
  Object.assign(
    process.env,
    { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'archive-route-')), EMULATOR_API_KEY: KEY },
    env,
  );
  const { GET } = await import('@/app/api/archive/route');
  const response = await GET(new NextRequest('http://127.0.0.1:3000/api/archive'), { params: Promise.resolve({}) });
  const text = await response.text();
  return { response, text, body: JSON.parse(text) as Record<string, unknown> };
}

beforeEach(() => {
  process.env = { ...saved };
});
afterAll(() => {
  process.env = saved;
  forgetProcessSingletons();
});

describe('GET /api/archive, wired', () => {
  it('says off, covering nothing, with ARCHIVE=off', async () => {
    const { response, body, text } = await getStatus({ ARCHIVE: 'off', ARCHIVE_RETENTION_DAYS: '30' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(body).toMatchObject({ mode: 'off', coverage: [], imported: [], lagSeconds: null, running: false });
    expect(body.retentionDays).toBe(30);
    expect(text).not.toContain(KEY);
  });

  it('answers the sync’s status in demo mode, naming the application by a hash, never the key', async () => {
    const { response, body, text } = await getStatus({ ARCHIVE: 'auto' });
    expect(response.status).toBe(200);
    expect(['full', 'partial', 'rollups']).toContain(body.mode);
    expect(body).toMatchObject({
      backfill: expect.objectContaining({ done: expect.any(Number), total: expect.any(Number) }),
      callsThisHour: expect.objectContaining({ total: expect.any(Number) }),
      retentionDays: 400,
    });
    expect(text).not.toContain(KEY);
  });
});
