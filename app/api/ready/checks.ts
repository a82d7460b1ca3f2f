/**
 * What "ready" means: the settings parse, the store answers a trivial query, and Redis (when
 * configured) answers PING, each within a short time. Results name the check, never the error
 * text: a driver's message can carry a host or a user name. The detail goes to the server log.
 */
import 'server-only';
import { sql } from 'kysely';
import { store } from '@/lib/db';
import { settings } from '@/lib/env';
import { log } from '@/lib/log';
import { sharedRedis } from '@/lib/services';

export type CheckResult = 'ok' | 'not_configured' | 'failed' | 'timeout';
export type Readiness = { ready: boolean; checks: Record<'settings' | 'store' | 'redis', CheckResult> };

const CHECK_TIMEOUT_MS = 2_000;

async function check(name: string, work: () => Promise<CheckResult>): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work(), timeout]);
  } catch (err) {
    log.warn({ err, check: name }, 'readiness check failed');
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(): Promise<Readiness> {
  const settingsOk = await check('settings', async () => (settings(), 'ok'));
  if (settingsOk !== 'ok') return { ready: false, checks: { settings: settingsOk, store: 'failed', redis: 'failed' } };
  const [storeOk, redisOk] = await Promise.all([
    check('store', async () => {
      await sql`select 1`.execute((await store()).db);
      return 'ok';
    }),
    check('redis', async () => {
      const redis = sharedRedis();
      if (!redis) return 'not_configured';
      return (await redis.ping()) === 'PONG' ? 'ok' : 'failed';
    }),
  ]);
  const checks = { settings: settingsOk, store: storeOk, redis: redisOk };
  return { ready: Object.values(checks).every((c) => c === 'ok' || c === 'not_configured'), checks };
}
