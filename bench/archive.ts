/**
 * Archive benchmark: the local query engine on a full archive. Fills the embedded store with
 * an emulator data set of 1,000,000 events (through ArchiveEventStore.insert, newest first,
 * as the backfill does) and times the three queries the issue names, through ArchiveQueries
 * (SQL, JSON parsing and response building included):
 *   (a) an events page: page 3 of one event name in the last 30 days, some with a second filter,
 *   (b) a daily histogram of three reports over the last 90 days,
 *   (c) terms on objects.device.s_device_type for a month.
 * Then Postgres at 0.5, 1 and 2 million events: the newest half million of a 2,000,000-event
 * data set, then older events added (so the windows hold the same events while the archive
 * grows, which is how an archive grows). Targets: median ≤ 50 ms each embedded, ≤ 200 ms at
 * 2 million on Postgres, cost following the events inside the window, RSS ≤ 500 MB.
 *
 * Each fill runs in a child process, so the RSS reported is the querying process's own.
 * Postgres: TEST_DATABASE_URL (a fresh database is created in it), else a throw-away server
 * from scripts/services.sh. ARCHIVE_BENCH_EVENTS and ARCHIVE_BENCH_PG_EVENTS (comma-separated)
 * override the sizes; ARCHIVE_BENCH_SKIP=embedded|postgres skips one part.
 *
 * Run standalone: `npx tsx --conditions=react-server bench/archive.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { ArchiveEventStore } from '../lib/archive/event-store';
import { ArchiveQueries } from '../lib/archive/query/index';
import type { Condition } from '../lib/authy/bracket-codec';
import { openStore, type Store } from '../lib/db/connect';
import { createEmulator } from '../lib/emulator/index';

const NOW = Date.parse('2024-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const APP = 'app_bench';
const SEED = 42;
const INSERT_BATCH = 5_000;
const iso = (ms: number) => new Date(ms).toISOString();
const window = (from: number, to: number): Condition[] => [
  { attribute: 'time', operator: 'gte', value: iso(from) },
  { attribute: 'time', operator: 'lt', value: iso(to) },
];
const eq = (attribute: string, value: string): Condition => ({ attribute, operator: 'eq', value });

type Query = {
  name: string;
  /** The time window of each variant, for the events it holds. */
  windows: { from: number; to: number }[];
  run: (queries: ArchiveQueries, variant: number) => Promise<unknown>;
};

/** Each query cycles through variants (ends shifted by hours, other names), so no lucky shape is measured. */
const QUERIES: Query[] = (() => {
  const ends = [0, 5, 11, 17, 23].map((hours) => NOW - hours * 3_600_000);
  const pages = [
    { event: 'token_invalid', extra: [], page: 3 },
    { event: 'one_touch_request_responded', extra: [eq('objects.user.s_country_code', '1')], page: 3 },
    { event: 'totp_token_sent', extra: [], page: 2 },
    { event: 'token_verified', extra: [eq('objects.device.s_device_type', 'android')], page: 1 },
    { event: 'token_invalid', extra: [eq('objects.user.s_country_code', '44')], page: 3 },
  ];
  return [
    {
      name: 'events: page 3 of one event, last 30 days (+ a filter)',
      windows: ends.map((to) => ({ from: to - 30 * DAY, to })),
      run: (queries, v) =>
        queries.events(APP, {
          query: [...window(ends[v] - 30 * DAY, ends[v]), eq('event', pages[v].event), ...pages[v].extra],
          page: pages[v].page,
          per_page: 50,
        }),
    },
    {
      name: 'date_histogram: daily, 90 days, three reports',
      windows: ends.map((to) => ({ from: to - 90 * DAY, to })),
      run: (queries, v) =>
        queries.histogram(APP, {
          reports: ['token_verified', 'token_invalid', 'one_touch_request_responded'].map((name) => ({
            name,
            conditions: [eq('event', name)],
          })),
          scope: window(ends[v] - 90 * DAY, ends[v]),
          interval: 'day',
          page: 1,
          per_page: 100,
        }),
    },
    {
      name: 'terms: objects.device.s_device_type, one month',
      windows: ends.map((to) => ({ from: to - 30 * DAY, to })),
      run: (queries, v) =>
        queries.terms(APP, {
          field: 'objects.device.s_device_type',
          size: 10,
          scope: window(ends[v] - 30 * DAY, ends[v]),
        }),
    },
  ];
})();

/** `cpuMs`: this process's CPU time (user + system); for the embedded store that is all of the query's work. */
type Row = { query: string; windowEvents: number; medianMs: number; p95Ms: number; cpuMs: number; runs: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(store: Store, runs: number, warmup: number): Promise<Row[]> {
  const queries = new ArchiveQueries(async () => store);
  const events = new ArchiveEventStore(async () => store.db);
  const rows: Row[] = [];
  for (const query of QUERIES) {
    const variants = query.windows.length;
    for (let i = 0; i < warmup; i++) await query.run(queries, i % variants);
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      await query.run(queries, i % variants);
      const used = process.cpuUsage(cpuStarted);
      samples.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
    samples.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const { from, to } = query.windows[0];
    rows.push({
      query: query.name,
      windowEvents: await events.countBetween(APP, from, to),
      medianMs: percentile(samples, 50),
      p95Ms: percentile(samples, 95),
      cpuMs: percentile(cpu, 50),
      runs,
    });
  }
  return rows;
}

// ---- Filling, in a child process ----

type FillOrder = { databaseUrl?: string; dataDir: string; events: number; skipNewest: number; count: number };
type FillResult = { inserted: number; insertMs: number; totalMs: number };

/** Inserts `count` events of the data set, newest first, after skipping the `skipNewest` newest. */
async function fill(order: FillOrder): Promise<FillResult> {
  const started = performance.now();
  const emulator = createEmulator({
    seed: SEED,
    events: order.events,
    now: NOW,
    apiKey: 'bench',
    ratePerMinute: Number.MAX_SAFE_INTEGER,
    ratePerHour: Number.MAX_SAFE_INTEGER,
  });
  const store = await openStore({ databaseUrl: order.databaseUrl, dataDir: order.dataDir });
  const archive = new ArchiveEventStore(async () => store.db);
  const hi = emulator.dataset.size - order.skipNewest;
  const lo = Math.max(0, hi - order.count);
  let inserted = 0;
  let insertMs = 0;
  for (let end = hi; end > lo; end -= INSERT_BATCH) {
    const batch = [];
    for (let i = Math.max(lo, end - INSERT_BATCH); i < end; i++) batch.push(emulator.dataset.event(i));
    const t = performance.now();
    inserted += await archive.insert(APP, batch);
    insertMs += performance.now() - t;
  }
  await store.db.destroy();
  return { inserted, insertMs, totalMs: performance.now() - started };
}

function fillInChild(order: FillOrder): FillResult {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync('npx', ['tsx', '--conditions=react-server', self, 'fill', JSON.stringify(order)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`fill failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '');
}

// ---- Reporting ----

const machine = () => {
  const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
  return `load average ${one} / ${five} / ${fifteen} (1/5/15 min) on ${cpus().length} cores`;
};
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

function printRows(rows: Row[], targetMs: number, withCpu: boolean): void {
  console.table(
    rows.map((row) => ({
      query: row.query,
      'events in window': row.windowEvents.toLocaleString('en'),
      'median ms': Number(row.medianMs.toFixed(1)),
      'p95 ms': Number(row.p95Ms.toFixed(1)),
      ...(withCpu ? { 'median CPU ms': Number(row.cpuMs.toFixed(1)) } : {}),
      runs: row.runs,
      [`target ≤ ${targetMs} ms`]: row.medianMs <= targetMs ? 'ok' : 'MISSED',
    })),
  );
}

function printFill(result: FillResult, label: string): void {
  const perSecond = Math.round(result.inserted / (result.insertMs / 1000));
  console.log(
    `${label}: ${result.inserted.toLocaleString('en')} events inserted in ${(result.insertMs / 1000).toFixed(1)} s ` +
      `(${perSecond.toLocaleString('en')} events/s; ${(result.totalMs / 1000).toFixed(1)} s with generating and rendering them)`,
  );
}

async function benchEmbedded(events: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'archive-bench-'));
  try {
    console.log(`### embedded store (libSQL), ${events.toLocaleString('en')} events\n`);
    console.log(`before: ${machine()}`);
    printFill(fillInChild({ dataDir, events, skipNewest: 0, count: events }), 'fill');
    console.log(`database file ${(statSync(path.join(dataDir, 'dashboard.db')).size / 1024 / 1024).toFixed(0)} MB`);
    const store = await openStore({ dataDir });
    const rows = await measure(store, 40, 6);
    console.log(`after: ${machine()}; RSS ${rssMb().toFixed(0)} MB (target ≤ 500)`);
    printRows(rows, 50, true);
    await store.db.destroy();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A database of this run's own on the server at `url`, dropped by the returned function. */
async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `archive_bench_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE ${name}`) };
}

async function benchPostgres(sizes: number[], serverUrl: string): Promise<void> {
  const total = sizes[sizes.length - 1];
  console.log(
    `\n### Postgres, the newest ${sizes.map((n) => n.toLocaleString('en')).join(', ')} of ${total.toLocaleString('en')} events\n`,
  );
  const database = await freshDatabase(serverUrl);
  const databaseUrl = database.url;
  const curve: { size: number; rows: Row[] }[] = [];
  try {
    let held = 0;
    for (const size of sizes) {
      console.log(`before: ${machine()}`);
      const result = fillInChild({ databaseUrl, dataDir: '.', events: total, skipNewest: held, count: size - held });
      printFill(result, `fill to ${size.toLocaleString('en')}`);
      held = size;
      const store = await openStore({ databaseUrl, dataDir: '.' });
      // Steady state: autovacuum would have set the visibility map and statistics by now.
      await sql`VACUUM ANALYZE`.execute(store.db);
      const rows = await measure(store, 30, 5);
      console.log(`after: ${machine()}; RSS ${rssMb().toFixed(0)} MB (target ≤ 500)`);
      printRows(rows, 200, false);
      curve.push({ size, rows });
      await store.db.destroy();
    }
  } finally {
    await database.drop();
  }
  console.log('\ngrowth: median ms (events in window) by archive size');
  console.table(
    QUERIES.map((query, q) =>
      Object.fromEntries([
        ['query', query.name],
        ...curve.map(({ size, rows }) => [
          size.toLocaleString('en'),
          `${rows[q].medianMs.toFixed(1)} (${rows[q].windowEvents.toLocaleString('en')})`,
        ]),
      ]),
    ),
  );
}

/** TEST_DATABASE_URL, or a throw-away server for this run (stopped at the end). */
function postgresServer(): { url: string; stop(): void } {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: () => {} };
  const env = { ...process.env, TEST_SERVICES_DIR: path.join(tmpdir(), `archive-bench-services-${process.pid}`) };
  const exports = execFileSync('bash', ['scripts/services.sh', 'start'], { env, encoding: 'utf8' });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(exports)?.[1];
  if (!url) throw new Error('scripts/services.sh printed no TEST_DATABASE_URL');
  return { url, stop: () => execFileSync('bash', ['scripts/services.sh', 'stop'], { env }) };
}

async function main(): Promise<void> {
  const skip = process.env.ARCHIVE_BENCH_SKIP ?? '';
  const events = Number(process.env.ARCHIVE_BENCH_EVENTS ?? 1_000_000);
  const pgSizes = (process.env.ARCHIVE_BENCH_PG_EVENTS ?? '500000,1000000,2000000').split(',').map(Number);
  console.log(`archive benchmark on ${cpus()[0]?.model ?? 'unknown cpu'}`);
  if (skip !== 'embedded') await benchEmbedded(events);
  if (skip !== 'postgres') {
    const server = postgresServer();
    try {
      await benchPostgres(pgSizes, server.url);
    } finally {
      server.stop();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, order] = process.argv.slice(2);
  const run =
    command === 'fill'
      ? fill(JSON.parse(order) as FillOrder).then((result) => console.log(JSON.stringify(result)))
      : main();
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
