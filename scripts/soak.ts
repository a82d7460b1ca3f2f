/**
 * `npm run soak -- [--duration=300] [--clients=200] [--faults] [--no-build]`
 *
 * Runs the dashboard as a team does and leans on it: a standalone emulator (30/300 limits), one
 * Redis and one Postgres (scripts/services.sh), two replicas (server.mjs, as `npm start`) in live mode sharing
 * them, and N clients replaying the UI's requests round-robin over the replicas. With --faults
 * the middle third injects upstream faults, restarts Redis and kills and restarts a replica.
 * Prints the figures and exits non-zero when a check fails. Everything it started is stopped at
 * the end, on failure and on Ctrl-C. All traffic stays on 127.0.0.1.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RangePreset } from '@/lib/ranges';
import { freePort } from '@/test/support/free-port';
import { emulatorStatsSchema, maxPerRollingMinute, percentile } from './support/load-figures';
import { buildInto, ownedProcesses, safeKill, sleep, stop } from './support/owned-processes';

const root = path.resolve(import.meta.dirname, '..');
const argsSchema = z.object({
  duration: z.coerce.number().int().min(10).max(3_600).default(300),
  clients: z.coerce.number().int().min(1).max(2_000).default(200),
  faults: z.boolean().default(false),
  build: z.boolean().default(true),
});
const args = argsSchema.parse(
  Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      if (k === 'no-build') return ['build', false];
      return [k, v ?? true];
    }),
  ),
);

const DIST = '.next-ops';
const state = `/tmp/authy-soak-${process.pid}`;
const KEY = 'soak-emulator-key-7d1e2f3a4b5c6d7e';
const ADMIN = { username: 'soak-admin', password: 'soak-password-0123' };
const SECRET = `soak-session-secret-${'x'.repeat(32)}`;
const METRICS_TOKEN = 'soak-metrics-token-0123456789';

let servicesStarted = false;
const { start, cleanup, waitFor } = ownedProcesses({
  root,
  state,
  waitTimeoutMs: 90_000,
  interrupted: 'stopping everything the soak started…',
  alsoStop: () => {
    if (servicesStarted)
      spawnSync('bash', ['scripts/services.sh', 'stop'], {
        cwd: root,
        env: { ...process.env, TEST_SERVICES_DIR: state },
      });
  },
});

// ── the parts ────────────────────────────────────────────────────────────────────────────

function startServices(): { redisUrl: string; databaseUrl: string; redisPort: number } {
  const result = spawnSync('bash', ['scripts/services.sh', 'start'], {
    cwd: root,
    env: { ...process.env, TEST_SERVICES_DIR: state },
    encoding: 'utf8',
  });
  servicesStarted = true;
  if (result.status !== 0) throw new Error(`scripts/services.sh failed: ${result.stderr}`);
  const redisUrl = /TEST_REDIS_URL=(\S+)/.exec(result.stdout)?.[1];
  const databaseUrl = /TEST_DATABASE_URL=(\S+)/.exec(result.stdout)?.[1];
  if (!redisUrl || !databaseUrl) throw new Error('scripts/services.sh printed no URLs');
  return { redisUrl, databaseUrl, redisPort: Number(new URL(redisUrl).port) };
}

/** Kills Redis (no persistence: it comes back empty) and starts it on the same port. */
async function restartRedis(port: number, downMs: number): Promise<void> {
  const pidFile = path.join(state, 'redis.pid');
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  safeKill(pid, 'SIGKILL');
  await sleep(downMs);
  spawnSync('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--pidfile',
    pidFile,
    '--logfile',
    path.join(state, 'redis.log'),
  ]);
}

type Replica = { name: string; url: string; port: number; child: ChildProcess; up: boolean; peakRssMb: number };

function startReplica(r: Pick<Replica, 'name' | 'port'>, env: Record<string, string>): ChildProcess {
  // server.mjs, as `npm start` runs it: Next behind the server that stamps each request's peer.
  return start(r.name, process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(r.port)], env);
}

/** Resident memory of a process and its descendants, in MB, from /proc. */
function treeRssMb(pid: number): number {
  let kb = 0;
  const stack = [pid];
  for (let guard = 0; stack.length > 0 && guard < 100; guard++) {
    const p = stack.pop() as number;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
        stack.push(Number(task));
    } catch {
      // Exited between reads.
    }
  }
  return kb / 1024;
}

// ── traffic ──────────────────────────────────────────────────────────────────────────────
type Sample = { ms: number; status: number; cache: string | null; phase: Phase; kind: string };
type Phase = 'steady' | 'faults' | 'recovery';
const samples: Sample[] = [];
const savedReports: string[] = [];
let phase: Phase = 'steady';

const RANGES: RangePreset[] = ['24h', '7d', '30d', '90d', 'this_month'];
let rr = 0;

type UiRequests = { overview: string[]; events: string[]; terms: string[] };

/**
 * The exact URLs the UI sends for each range, built by its own modules (lib/queries), in a
 * plain tsx child. Every range goes as `range=`, resolved by the server, so the URLs stay the
 * same for the whole run, as viewers' do.
 */
function uiRequests(): Record<string, UiRequests> {
  const program = `
    Promise.all([import('./lib/queries/overview-requests.ts'), import('./lib/queries/request-search.ts')]).then(([o, e]) => {
      const out = {};
      for (const range of ${JSON.stringify(RANGES)}) {
        const time = { kind: 'preset', range };
        const r = o.overviewRequests({ time, interval: null }, Date.now());
        out[range] = {
          overview: ['date_histogram?' + r.histogram.search, ...r.terms.map((t) => 'terms?' + t.search)],
          events: [1, 2, 3, 4, 5].map((page) => 'events?' + e.eventsSearch({ time, conditions: [], page, perPage: 25 })),
          terms: o.OVERVIEW_TERMS.map((t) => 'terms?' + new URLSearchParams({ field: t.field, size: '10', range })),
        };
      }
      console.log(JSON.stringify(out));
    });`;
  const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['--input-type=module', '--eval', program], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`could not build the UI's request URLs: ${result.stderr}`);
  const schema = z.record(
    z.string(),
    z.object({ overview: z.array(z.string()), events: z.array(z.string()), terms: z.array(z.string()) }),
  );
  return schema.parse(JSON.parse(result.stdout));
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

function nextReplica(replicas: Replica[]): Replica {
  const up = replicas.filter((r) => r.up);
  const pool = up.length > 0 ? up : replicas;
  return pool[rr++ % pool.length];
}

/** One request through the "load balancer": round robin over replicas that passed their last check, one retry on a refused connection. */
async function send(
  replicas: Replica[],
  cookie: string,
  kind: string,
  pathAndQuery: string,
  init: RequestInit = {},
): Promise<Response | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const replica = nextReplica(replicas);
    const started = performance.now();
    try {
      const response = await fetch(`${replica.url}${pathAndQuery}`, {
        ...init,
        headers: { cookie, ...(init.headers as Record<string, string> | undefined) },
        signal: AbortSignal.timeout(30_000),
      });
      await response.clone().arrayBuffer();
      samples.push({
        ms: performance.now() - started,
        status: response.status,
        cache: response.headers.get('x-cache'),
        phase,
        kind,
      });
      return response;
    } catch (error) {
      const refused = error instanceof TypeError && attempt === 0;
      if (refused) {
        replica.up = false;
        continue;
      }
      samples.push({ ms: performance.now() - started, status: 0, cache: null, phase, kind });
      return null;
    }
  }
  return null;
}

async function client(
  id: number,
  replicas: Replica[],
  cookie: string,
  until: number,
  mau: boolean,
  ui: Record<string, UiRequests>,
): Promise<void> {
  let range = RANGES[id % RANGES.length];
  for (let i = 0; i < 100_000 && Date.now() < until; i++) {
    const roll = Math.random();
    const urls = ui[range];
    if (roll < 0.4) {
      // The overview: one histogram and three terms, fired together as the page does.
      await Promise.all(urls.overview.map((u) => send(replicas, cookie, 'overview', `/api/reporting/${u}`)));
    } else if (roll < 0.5) {
      range = pick(RANGES);
    } else if (roll < 0.8) {
      await send(replicas, cookie, 'events', `/api/reporting/${pick(urls.events)}`);
    } else if (roll < 0.95) {
      await send(replicas, cookie, 'terms', `/api/reporting/${pick(urls.terms)}`);
    } else if (roll < 0.98 && mau) {
      await send(replicas, cookie, 'mau', '/api/mau?months=3');
    } else {
      const response = await send(replicas, cookie, 'save', '/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `soak ${id}-${i}`, path: `/?range=${range}` }),
      });
      if (response?.status === 201) {
        const body = z.object({ id: z.string() }).safeParse(await response.json());
        if (body.success) savedReports.push(body.data.id);
      }
    }
    await sleep(500 + Math.random() * 1_500); // a person's think time
  }
}

// ── measuring ────────────────────────────────────────────────────────────────────────────
async function main(): Promise<void> {
  mkdirSync(state, { recursive: true });
  buildInto(root, DIST, args.build);
  const ui = uiRequests();
  const services = startServices();
  const emulatorPort = await freePort();
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  start('emulator', path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'lib/emulator/main.ts'], {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_API_KEY: KEY,
  });
  await waitFor('emulator', async () => (await fetch(`${emulatorUrl}/__emulator/stats`)).ok);

  const appEnv = {
    NODE_ENV: 'production',
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: '1',
    AUTHY_API_URL: emulatorUrl,
    AUTHY_API_KEY: KEY,
    SESSION_SECRET: SECRET,
    REDIS_URL: services.redisUrl,
    DATABASE_URL: services.databaseUrl,
    DATA_DIR: path.join(state, 'data'),
    DASHBOARD_ADMIN_USER: ADMIN.username,
    DASHBOARD_ADMIN_PASSWORD: ADMIN.password,
    METRICS_TOKEN,
    UPSTREAM_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'warn',
  };
  const replicas: Replica[] = [];
  // One after the other: the first creates the schema and the admin, the second finds them.
  for (const name of ['replica-a', 'replica-b']) {
    const port = await freePort();
    const r: Replica = {
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      child: startReplica({ name, port }, appEnv),
      up: false,
      peakRssMb: 0,
    };
    replicas.push(r);
    await waitFor(name, async () => (await fetch(`${r.url}/api/ready`)).ok);
    r.up = true;
  }

  const signIn = await fetch(`${replicas[0].url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  if (!signIn.ok || !cookie) throw new Error(`sign-in failed: HTTP ${signIn.status}`);
  const mau = (await fetch(`${replicas[1].url}/api/mau?months=1`, { headers: { cookie } })).status !== 404;
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST', body: '{}' });

  const startedAt = Date.now();
  const until = startedAt + args.duration * 1_000;
  const upstream: { t: number; total: number }[] = [];
  let refusals = 0;
  // Every second: upstream totals, replica health (the balancer's check) and memory.
  const monitor = setInterval(() => {
    void (async () => {
      const stats = emulatorStatsSchema.safeParse(
        await fetch(`${emulatorUrl}/__emulator/stats`)
          .then((r) => r.json())
          .catch(() => null),
      );
      if (stats.success) {
        const s = stats.data;
        upstream.push({ t: Date.now(), total: s.requests.events + s.requests.date_histogram + s.requests.terms });
        refusals = s.rejected.rate_limited;
      }
      for (const r of replicas) {
        r.up = await fetch(`${r.url}/api/health`, { signal: AbortSignal.timeout(2_000) })
          .then((res) => res.ok)
          .catch(() => false);
        if (r.child.pid) r.peakRssMb = Math.max(r.peakRssMb, treeRssMb(r.child.pid));
      }
    })();
  }, 1_000);

  const faultPlan = args.faults
    ? runFaults(startedAt, emulatorUrl, services.redisPort, replicas, appEnv)
    : Promise.resolve([]);
  console.log(
    `soak: ${args.clients} clients for ${args.duration} s${args.faults ? ' with a fault phase' : ''}, MAU ${mau ? 'on' : 'absent'}`,
  );
  await Promise.all(
    Array.from({ length: args.clients }, (_, i) =>
      sleep((i * 1_000) / args.clients).then(() => client(i, replicas, cookie, until, mau, ui)),
    ),
  );
  const events = await faultPlan;
  clearInterval(monitor);
  await sleep(1_100);

  // Every saved report must still be there, read through either replica.
  let missing = 0;
  for (const id of savedReports) {
    const r = replicas[savedReports.indexOf(id) % 2];
    const res = await fetch(`${r.url}/api/reports/${id}`, { headers: { cookie } });
    if (res.status !== 200) missing++;
  }
  report(startedAt, upstream, refusals, missing, replicas, events);
}

/** The middle third: upstream faults, Redis restarted, replica B killed and started again. */
async function runFaults(
  startedAt: number,
  emulatorUrl: string,
  redisPort: number,
  replicas: Replica[],
  env: Record<string, string>,
): Promise<string[]> {
  const log: string[] = [];
  const third = (args.duration * 1_000) / 3;
  const at = (ms: number) => sleep(Math.max(0, startedAt + ms - Date.now()));
  const note = (what: string) => log.push(`${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${what}`);
  await at(third);
  phase = 'faults';
  await fetch(`${emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    body: JSON.stringify({ error500: 0.2, timeout: 0.05, malformed: 0.05 }),
  });
  note('faults on: 20% 500, 5% timeout, 5% malformed');
  await at(third + third * 0.25);
  await restartRedis(redisPort, 2_000);
  note('Redis killed, restarted after 2 s (empty)');
  await at(third + third * 0.5);
  const b = replicas[1];
  await stop(b.child, 'SIGKILL');
  b.up = false;
  note('replica-b killed');
  await sleep(3_000);
  b.child = startReplica(b, env);
  note('replica-b starting again');
  await at(2 * third);
  await fetch(`${emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    body: JSON.stringify({ error500: 0, timeout: 0, malformed: 0 }),
  });
  phase = 'recovery';
  note('faults off');
  return log;
}

function report(
  startedAt: number,
  upstream: { t: number; total: number }[],
  refusals: number,
  missing: number,
  replicas: Replica[],
  events: string[],
): void {
  const ok = samples.filter((s) => s.status > 0 && s.status < 400);
  const cached = ok.filter((s) => s.cache === 'hit' || s.cache === 'stale');
  const byStatus: Record<string, number> = {};
  for (const s of samples)
    byStatus[`${s.phase} ${s.status || 'no answer'}`] = (byStatus[`${s.phase} ${s.status || 'no answer'}`] ?? 0) + 1;
  const bad5xx = samples.filter(
    (s) => (s.status >= 500 && ![502, 503, 504].includes(s.status)) || (s.status >= 500 && s.phase === 'steady'),
  );
  const unanswered = samples.filter((s) => s.status === 0 && s.phase !== 'faults');
  const perMinute = maxPerRollingMinute(upstream);
  const recovery = samples.filter((s) => s.phase === 'recovery');
  const recoveryOk =
    recovery.length === 0 || recovery.filter((s) => s.status >= 200 && s.status < 500).length / recovery.length > 0.95;
  const summary = {
    command: `npm run soak -- --duration=${args.duration} --clients=${args.clients}${args.faults ? ' --faults' : ''}`,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    requests: samples.length,
    p50Ms: Math.round(
      percentile(
        ok.map((s) => s.ms),
        50,
      ),
    ),
    p99Ms: Math.round(
      percentile(
        ok.map((s) => s.ms),
        99,
      ),
    ),
    cachedP50Ms: Math.round(
      percentile(
        cached.map((s) => s.ms),
        50,
      ),
    ),
    cachedP99Ms: Math.round(
      percentile(
        cached.map((s) => s.ms),
        99,
      ),
    ),
    upstreamCalls: upstream.at(-1)?.total ?? 0,
    upstreamPerRollingMinuteMax: perMinute,
    emulatorRefusals: refusals,
    byPhaseAndStatus: byStatus,
    savedReports: savedReports.length,
    savedReportsMissing: missing,
    peakRssMb: Object.fromEntries(replicas.map((r) => [r.name, Math.round(r.peakRssMb)])),
    faultEvents: events,
  };
  console.log(JSON.stringify(summary, null, 2));
  const failures = [
    refusals > 0 && `the emulator refused ${refusals} calls`,
    perMinute > 30 && `${perMinute} upstream calls in one rolling minute`,
    bad5xx.length > 0 && `${bad5xx.length} 5xx answers that are not deliberate 502/503/504 under faults`,
    unanswered.length > 0 && `${unanswered.length} requests unanswered outside the fault phase`,
    missing > 0 && `${missing} saved reports missing`,
    !recoveryOk && 'more than 5% errors after the faults stopped',
  ].filter(Boolean);
  for (const f of failures) console.error(`FAIL: ${f}`);
  if (failures.length === 0) console.log('soak: all checks passed');
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
