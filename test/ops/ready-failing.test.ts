/** GET /api/ready answers 503 naming the check that failed, and nothing about why. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '@/test/support/free-port';

/** A loopback port nothing listens on. */
const closedPort = await freePort();
const dataDir = mkdtempSync(path.join(tmpdir(), 'ops-ready-'));
vi.stubEnv('DATA_DIR', dataDir);
vi.stubEnv('REDIS_URL', `redis://:hunter2-secret@127.0.0.1:${closedPort}`);

const { GET: ready } = await import('@/app/api/ready/route');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('GET /api/ready with Redis away', () => {
  it('answers 503 with redis failed and the store ok', async () => {
    const response = await ready(new NextRequest('http://127.0.0.1:3000/api/ready'), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ status: 'not_ready', checks: { settings: 'ok', store: 'ok' } });
    expect(['failed', 'timeout']).toContain((JSON.parse(text) as { checks: { redis: string } }).checks.redis);
  });
});
