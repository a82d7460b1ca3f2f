/**
 * With REDIS_URL set: /api/ready checks Redis, and the sign-in throttle keeps its counts there.
 * Nothing here spends upstream budget (the app's limiter keys in the test Redis are left alone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testRedisUrl } from '@/test/support/redis';

const redisUrl = testRedisUrl();
const dataDir = mkdtempSync(path.join(tmpdir(), 'ops-ready-redis-'));
vi.stubEnv('DATA_DIR', dataDir);
if (redisUrl) vi.stubEnv('REDIS_URL', redisUrl);

const { GET: ready } = await import('@/app/api/ready/route');
const { signInThrottle } = await import('@/lib/auth/instance');
const { sharedRedis } = await import('@/lib/services');

afterAll(async () => {
  await sharedRedis()?.quit();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!redisUrl)('with REDIS_URL', () => {
  it('GET /api/ready checks Redis too', async () => {
    const response = await ready(new NextRequest('http://127.0.0.1:3000/api/ready'), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { settings: 'ok', store: 'ok', redis: 'ok' } });
  });

  it('signInThrottle() counts in Redis, on the shared connection', async () => {
    const account = `ops-wiring-${process.pid}`;
    const admission = await signInThrottle().admit({ account, address: '198.51.100.77', device: null });
    expect(await sharedRedis()?.get(`authy:signin:acct:${account}`)).toBe('1');
    if (admission.allowed) await admission.succeeded();
    expect(await sharedRedis()?.get(`authy:signin:acct:${account}`)).toBe('0');
  });
});
