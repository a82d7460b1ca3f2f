/**
 * The team drill (`npm run bench -- drill`): 20 people for 150 s opening the dashboard's pages as
 * the UI does, the soak's mix of actions (overview 40%, a new range 10%, events pages 30%, the
 * terms page 15%, the users page the rest) over five ranges, each person with their own
 * filters. Every request is what the page itself sends, built by the pages' own builders
 * (app/(dashboard)/page-requests.ts). One dashboard (`node server.mjs`, as `npm start`) in live mode against a standalone
 * emulator at the real limits (30 a minute, 300 an hour). Run twice in one go: `ARCHIVE=off`,
 * then with the archive on. For each: answers with data (fresh, cached, local or stale-marked)
 * as a share of all, answers from the archive, refusals, p50/p95 latency, upstream calls per
 * rolling minute (max), the emulator's refusals.
 *
 * The archive-on half measures an archive that has been running for a while: before the drill,
 * the same dashboard (same data folder) syncs at generous limits (the emulator's raised through
 * `/__emulator/limits`, keeping all its history) until its backfill of 400 days is done; then the
 * dashboard restarts at the real limits, the emulator's go back to 30 and 300, its counters are
 * reset, and the drill runs. Only the drill is measured.
 *
 * Builds into NEXT_DIST_DIR (default `.next-drill`) when that holds no build. Everything it
 * starts is stopped at the end, on failure and on Ctrl-C; all traffic stays on 127.0.0.1.
 * `DRILL_SECONDS` and `DRILL_PEOPLE` shorten or widen it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { pageRequests } from '../app/(dashboard)/page-requests';
import type { RangePreset } from '../lib/ranges';
import { emulatorStatsSchema, maxPerRollingMinute, percentile } from '../scripts/support/load-figures';
import { buildInto, ownedProcesses, sleep, stop } from '../scripts/support/owned-processes';
import { freePort } from '../test/support/free-port';

const root = path.resolve(import.meta.dirname, '..');
const options = z
  .object({
    NEXT_DIST_DIR: z.string().default('.next-drill'),
    DRILL_SECONDS: z.coerce.number().int().min(10).max(3_600).default(150),
    DRILL_PEOPLE: z.coerce.number().int().min(1).max(500).default(20),
  })
  .parse({
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || undefined,
    DRILL_SECONDS: process.env.DRILL_SECONDS || undefined,
    DRILL_PEOPLE: process.env.DRILL_PEOPLE || undefined,
  });

const state = `/tmp/authy-drill-${process.pid}`;
const KEY = 'drill-emulator-key-5e4d3c2b1a09';
const ADMIN = { username: 'drill-admin', password: 'drill-password-0123' };
const SECRET = `drill-session-secret-${'x'.repeat(32)}`;
const RANGES: RangePreset[] = ['24h', '7d', '30d', '90d', 'this_month'];
/** Each person's filters on the events and terms pages (`f`), as the filter builder writes them. */
const FILTERS = ['', 'event~eq~token_invalid', 'objects.device.s_device_type~eq~android'];

const { start, cleanup, waitFor } = ownedProcesses({ root, state, waitTimeoutMs: 120_000 });

// ── traffic ──────────────────────────────────────────────────────────────────────────────
type Sample = { ms: number; status: number; stale: boolean; local: boolean; page: string; at: number };

/** The requests a page sends when it opens, as that page builds them. */
function requestsOf(page: string): string[] {
  const built = pageRequests(page, Date.now());
  if (!built.ok) throw new Error(`${page}: ${built.problem.message}`);
  return built.requests.map((r) => r.url);
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const withFilter = (page: string, f: string) => (f ? `${page}&f=${f}` : page);

async function person(id: number, base: string, cookie: string, until: number, samples: Sample[]): Promise<void> {
  const filter = FILTERS[id % FILTERS.length];
  let range = RANGES[id % RANGES.length];
  const get = async (url: string, page: string) => {
    const started = performance.now();
    const at = Date.now();
    try {
      const response = await fetch(`${base}${url}`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
      const body: unknown = await response.json().catch(() => null);
      const meta = (body as { meta?: { cache?: string; source?: string } } | null)?.meta;
      samples.push({
        ms: performance.now() - started,
        status: response.status,
        stale: meta?.cache === 'stale' && meta.source !== 'archive',
        local: meta?.source === 'archive',
        page,
        at,
      });
    } catch {
      samples.push({ ms: performance.now() - started, status: 0, stale: false, local: false, page, at });
    }
  };
  while (Date.now() < until) {
    const roll = Math.random();
    let page: string | null;
    if (roll < 0.4) page = `/?range=${range}`;
    else if (roll < 0.5) {
      range = pick(RANGES);
      page = null;
    } else if (roll < 0.8)
      page = withFilter(`/events?range=${range}&per_page=25&page=${1 + Math.floor(Math.random() * 5)}`, filter);
    else if (roll < 0.95)
      page = withFilter(`/terms?range=${range}&field=${pick(['event', 'objects.device.s_device_type'])}`, filter);
    else page = '/users?range=12mo';
    // A page's requests go out together, as the page sends them.
    if (page) {
      const kind = new URL(page, 'http://x').pathname;
      await Promise.all(requestsOf(page).map((url) => get(url, kind)));
    }
    await sleep(500 + Math.random() * 1_500); // a person's think time
  }
}

// ── measuring ────────────────────────────────────────────────────────────────────────────
type DrillResult = {
  run: string;
  requests: number;
  answeredWithData: string;
  staleMarked: number;
  fromArchive: number;
  refusals: number;
  otherFailures: number;
  p50Ms: number;
  p95Ms: number;
  upstreamCalls: number;
  upstreamPerRollingMinuteMax: number;
  emulatorRefusals: number;
  /** Where refusals fell: by page, and by 30-second slice of the run. */
  refusedByPage: Record<string, number>;
  refusedBy30s: number[];
  emulatorRefusedAtSecond: number[];
};

/** The archive reaches back this far in the archive-on half: a deployment that has run for a while. */
const ARCHIVE_DAYS = 400;
const GENEROUS = { perMinute: 100_000, perHour: 1_000_000 };

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie;
}

async function startApp(name: string, env: Record<string, string>): Promise<{ app: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // As `npm start` runs it: on SIGTERM the archive's sync gives its lease up, so the restarted
  // dashboard syncs at once instead of waiting out the lease (lib/shutdown.mjs).
  const app = start(name, process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    NODE_ENV: 'production',
    NEXT_DIST_DIR: options.NEXT_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    SESSION_SECRET: SECRET,
    DASHBOARD_ADMIN_USER: ADMIN.username,
    DASHBOARD_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    ...env,
  });
  await waitFor('the dashboard', async () => (await fetch(`${base}/api/ready`)).ok);
  return { app, base };
}

const archiveStatusSchema = z.object({
  backfill: z.object({ done: z.number(), total: z.number() }),
  lagSeconds: z.number().nullable(),
  eventsHeld: z.number(),
});

/** Syncs at generous limits until the backfill is done and the live edge is current. */
async function fillArchive(run: string, env: Record<string, string>, emulatorUrl: string): Promise<number> {
  await postJson(`${emulatorUrl}/__emulator/limits`, GENEROUS);
  const { app, base } = await startApp(`app-${run}-fill`, {
    ...env,
    RATE_LIMIT_PER_MINUTE: String(GENEROUS.perMinute),
    RATE_LIMIT_PER_HOUR: String(GENEROUS.perHour),
  });
  try {
    const cookie = await signIn(base);
    const started = Date.now();
    let held = 0;
    await waitFor(
      'the archive',
      async () => {
        const status = archiveStatusSchema.parse(
          await (await fetch(`${base}/api/archive`, { headers: { cookie } })).json(),
        );
        held = status.eventsHeld;
        const { done, total } = status.backfill;
        return total > 0 && done >= total && status.lagSeconds !== null && status.lagSeconds < 120;
      },
      30 * 60_000,
    );
    console.log(`archive filled: ${held} events in ${Math.round((Date.now() - started) / 1000)} s`);
    return held;
  } finally {
    await stop(app);
    await postJson(`${emulatorUrl}/__emulator/limits`, { perMinute: 30, perHour: 300 });
  }
}

async function postJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
}

async function drill(run: string, archive: 'off' | 'auto'): Promise<DrillResult> {
  const emulatorPort = await freePort();
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const emulator = start(
    `emulator-${run}`,
    path.join(root, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', 'lib/emulator/main.ts'],
    {
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_API_KEY: KEY,
      // The archive-on half models an archive older than the API's retention: the emulator keeps it all.
      ...(archive === 'auto' && { EMULATOR_RETENTION_DAYS: '0' }),
    },
  );
  await waitFor('emulator', async () => (await fetch(`${emulatorUrl}/__emulator/stats`)).ok);
  const env = {
    AUTHY_API_URL: emulatorUrl,
    AUTHY_API_KEY: KEY,
    DATA_DIR: path.join(state, `data-${run}`),
    ARCHIVE: archive,
    ...(archive === 'auto' && { ARCHIVE_API_RETENTION_DAYS: String(ARCHIVE_DAYS) }),
  };
  let app: ChildProcess | undefined;
  try {
    if (archive === 'auto') await fillArchive(run, env, emulatorUrl);
    const started = await startApp(`app-${run}`, env);
    app = started.app;
    const base = started.base;
    const cookie = await signIn(base);
    await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST', body: '{}' });

    const samples: Sample[] = [];
    const upstream: { t: number; total: number }[] = [];
    let refusals = 0;
    const refusedAt: number[] = [];
    const startedAt = Date.now();
    const monitor = setInterval(() => {
      void fetch(`${emulatorUrl}/__emulator/stats`)
        .then((r) => r.json())
        .then((json: unknown) => {
          const s = emulatorStatsSchema.safeParse(json);
          if (!s.success) return;
          upstream.push({
            t: Date.now(),
            total: s.data.requests.events + s.data.requests.date_histogram + s.data.requests.terms,
          });
          if (s.data.rejected.rate_limited > refusals) refusedAt.push(Math.round((Date.now() - startedAt) / 1000));
          refusals = s.data.rejected.rate_limited;
        })
        .catch(() => undefined);
    }, 250);
    console.log(`drill ${run}: ${options.DRILL_PEOPLE} people for ${options.DRILL_SECONDS} s…`);
    const until = Date.now() + options.DRILL_SECONDS * 1_000;
    await Promise.all(
      Array.from({ length: options.DRILL_PEOPLE }, (_, i) =>
        sleep((i * 1_000) / options.DRILL_PEOPLE).then(() => person(i, base, cookie, until, samples)),
      ),
    );
    await sleep(1_100);
    clearInterval(monitor);

    const withData = samples.filter((s) => s.status === 200);
    const refused = samples.filter((s) => s.status === 429 || s.status === 422);
    const refusedByPage: Record<string, number> = {};
    for (const s of refused) refusedByPage[s.page] = (refusedByPage[s.page] ?? 0) + 1;
    const refusedBy30s = Array.from(
      { length: Math.ceil(options.DRILL_SECONDS / 30) },
      (_, i) => refused.filter((s) => Math.floor((s.at - startedAt) / 30_000) === i).length,
    );
    return {
      run,
      requests: samples.length,
      answeredWithData: `${((100 * withData.length) / Math.max(1, samples.length)).toFixed(1)}%`,
      staleMarked: withData.filter((s) => s.stale).length,
      fromArchive: withData.filter((s) => s.local).length,
      refusals: refused.length,
      otherFailures: samples.filter((s) => s.status !== 200 && s.status !== 429 && s.status !== 422).length,
      p50Ms: Math.round(
        percentile(
          samples.map((s) => s.ms),
          50,
        ),
      ),
      p95Ms: Math.round(
        percentile(
          samples.map((s) => s.ms),
          95,
        ),
      ),
      upstreamCalls: upstream.at(-1)?.total ?? 0,
      upstreamPerRollingMinuteMax: maxPerRollingMinute(upstream),
      emulatorRefusals: refusals,
      refusedByPage,
      refusedBy30s,
      emulatorRefusedAtSecond: refusedAt,
    };
  } finally {
    await Promise.all([app ? stop(app) : Promise.resolve(), stop(emulator)]);
  }
}

async function main(): Promise<void> {
  mkdirSync(state, { recursive: true });
  buildInto(root, options.NEXT_DIST_DIR);
  const results = [await drill('ARCHIVE=off', 'off'), await drill('archive on', 'auto')];
  const figures = (r: DrillResult) => Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v !== 'object'));
  console.table(results.map(figures));
  console.log(JSON.stringify(results, null, 2));
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
