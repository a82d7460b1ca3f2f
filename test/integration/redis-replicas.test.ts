/**
 * Two app processes sharing one real Redis and one standalone emulator: together they stay
 * within the upstream's limits (the emulator refuses nothing), and what one cached is a hit
 * for the other.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl, redisConnection } from '@/test/support/redis';
import type { TermsQuery } from '@/lib/authy/schemas';
import { EMULATOR_KEY, NOW, standaloneEmulator, totalRequests } from '@/test/support/emulator';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const redisUrl = testRedisUrl();

type Outcome = { ok: true; cache: string } | { ok: false; code: string; retryAfterSeconds?: number };
type Query = TermsQuery;

/** Question i on `field`: a scope of its own, since terms of every size share one call (terms-sharing.ts). */
const question = (field: string, i: number): Query => ({
  field,
  size: 10,
  scope: [{ attribute: 'time', operator: 'lt', value: new Date(NOW - i * 60_000).toISOString() }],
});

describe.skipIf(!redisUrl)('two replicas sharing Redis', () => {
  let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;

  beforeAll(async () => {
    upstream = await standaloneEmulator();
    // The replicas use the app's own key prefixes; no other test touches them.
    const redis = redisConnection(redisUrl as string);
    const keys = await redis.keys('authy:*');
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  const dataDirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'replica-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await upstream?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function replica(queries: Query[]): Promise<Outcome[]> {
    const { stdout } = await run(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--conditions=react-server', 'test/support/replica.ts', JSON.stringify(queries)],
      {
        cwd: root,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          REDIS_URL: redisUrl as string,
          // Replicas share Redis; each keeps its own embedded store (shared, it would be Postgres).
          DATA_DIR: dataDir(),
          AUTHY_API_URL: upstream.url,
          AUTHY_API_KEY: EMULATOR_KEY,
          LIMITER_MAX_WAIT_MS: '300',
        },
      },
    );
    return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as Outcome[];
  }

  // Four tsx processes start one after another: on a busy 2-core machine that alone can pass
  // the suite's 30 s default, so this test waits as long as its children may run.
  it('stay within 30 calls together, and share what they cached', { timeout: 120_000 }, async () => {
    const a = Array.from({ length: 25 }, (_, i) => question('event', i));
    const b = Array.from({ length: 25 }, (_, i) => question('objects.user.s_country_code', i));
    const [fromA, fromB] = await Promise.all([replica(a), replica(b)]);
    const okA = a.filter((_, i) => fromA[i].ok);
    const okB = b.filter((_, i) => fromB[i].ok);
    expect(okA.length + okB.length).toBe(30);
    for (const outcome of [...fromA, ...fromB].filter((o) => !o.ok)) {
      expect(outcome).toMatchObject({ code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    }
    let stats = await upstream.stats();
    expect(totalRequests(stats)).toBe(30);
    expect(stats.rejected.rate_limited).toBe(0);

    // Each asks for what the other fetched: all hits, although the budget is spent.
    const [crossA, crossB] = await Promise.all([replica(okB), replica(okA)]);
    expect([...crossA, ...crossB].every((o) => o.ok && o.cache === 'hit')).toBe(true);
    stats = await upstream.stats();
    expect(totalRequests(stats)).toBe(30);
  });
});
