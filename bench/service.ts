/**
 * Reporting service benchmark.
 * (1) Upstream calls spent by a scripted viewing session (the overview at 30 days, then at 7
 *     days; events pages 1-3; the terms page), as the pages' own request builders make them
 *     (app/(dashboard)/page-requests.ts, the ones GET /api/plan uses), against a naive proxy (no
 *     cache, no coalescing, no de-dup, no bucket reuse) on the same script in the same run:
 *     cold, again within the TTL, five viewers at once, and the whole session reloaded 10
 *     minutes later, when every relative window has moved on. The reload is broken down by
 *     endpoint, and each histogram call by the buckets it asked for.
 * (2) Cached-route throughput and p99 with autocannon (100 connections) against a node:http
 *     server that answers through the service's cached path, vs a trivial handler, each in its
 *     own process (and one sending the service's body pre-serialized). Target ≥ 50%.
 *
 * Run standalone: `npx tsx --conditions=react-server bench/service.ts`.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pino from 'pino';
import { pageRequests } from '../app/(dashboard)/page-requests';
import type { Condition } from '../lib/authy/bracket-codec';
import { bucketStartsBetween, parseInterval, type Interval } from '../lib/authy/interval';
import { createEmulator } from '../lib/emulator/index';
import { previousWindow, resolveRange } from '../lib/ranges';
import type { Clock } from '../lib/reporting/clock';
import { isFullPage, MAX_SERIES_PAGES, SERIES_PER_PAGE } from '../lib/reporting/histogram-pager';
import { Limiter } from '../lib/reporting/limiter';
import { MemoryCache } from '../lib/reporting/memory-cache';
import { upstreamLimiterPolicy } from '../lib/reporting/policies';
import { PRIORITIES, type Priority } from '../lib/reporting/priorities';
import { reportingRequest, termsInputSchema } from '../lib/reporting/route-input';
import { ReportingService, type RequestOptions } from '../lib/reporting/service';
import type { ReportingMeta } from '../lib/reporting/types';
import { MemorySlidingLog } from '../lib/reporting/sliding-log-memory';
import { createUpstreamClient, type UpstreamClient } from '../lib/reporting/upstream-client';

const KEY = 'bench-service-key';
type Target = Pick<ReportingService, 'events' | 'histogram' | 'terms'>;

const NO_CALLS = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
const NO_BUDGET = { limit: 0, remaining: 0, resetAt: '', byClass: NO_CALLS };
const NAIVE_META: ReportingMeta = {
  cache: 'miss',
  fetchedAt: '',
  ageSeconds: 0,
  budget: { minute: NO_BUDGET, hour: NO_BUDGET, backoffUntil: null, waiting: 0 },
  calls: 1,
  source: 'upstream',
};

export type CallsRow = { scenario: string; naive: number; ours: number };
export type ReloadBreakdown = { endpoint: string; calls: number; buckets: string }[];
export type ThroughputRow = { handler: string; requestsPerSecond: number; p99Ms: number; non2xx: number };
export type ServiceBenchResult = {
  calls: CallsRow[];
  callRatio: number;
  reload: ReloadBreakdown;
  throughput: ThroughputRow[];
  throughputRatio: number;
};

/** A clock the script moves: "10 minutes later" without waiting 10 minutes. */
class ScriptClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

type Sent = { endpoint: string; url: URL };

function emulatorAndUpstream(events: number, now: number) {
  const emulator = createEmulator({ seed: 42, events, now, apiKey: KEY, ratePerMinute: 1e9, ratePerHour: 1e9 });
  const sent: Sent[] = [];
  const upstream = createUpstreamClient({
    fetch: (r) => {
      const url = new URL(r.url);
      sent.push({ endpoint: url.pathname.split('/').pop() ?? '', url });
      return emulator.handle(r);
    },
    baseUrl: 'http://emulator.invalid',
    apiKey: KEY,
    timeoutMs: 30_000,
  });
  return { upstream, calls: () => sent.length, sent };
}

function ourService(upstream: UpstreamClient, clock?: Clock): ReportingService {
  const policy = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 5_000 });
  const limiter = new Limiter(new MemorySlidingLog(policy), policy, clock);
  return new ReportingService({
    upstream,
    limiter,
    cache: new MemoryCache({ maxBytes: 64 * 1024 * 1024 }),
    clock,
    log: pino({ level: 'silent' }),
  });
}

/** What a proxy without cache, coalescing, de-dup or bucket reuse does: every request goes upstream. */
function naiveProxy(upstream: UpstreamClient, clock: Clock): Target {
  const windowed = (conditions: Condition[], o: RequestOptions): Condition[] => {
    if (!o.range) return conditions;
    const w = resolveRange(o.range, clock.now());
    const from = o.compare ? previousWindow(w).from : w.from;
    const at = (ms: number) => new Date(ms).toISOString();
    return [
      ...conditions,
      { attribute: 'time', operator: 'gte', value: at(from) },
      { attribute: 'time', operator: 'lt', value: at(w.to) },
    ];
  };
  const answer = <T>(data: T) => ({ data, meta: NAIVE_META });
  return {
    events: async (q, o: RequestOptions = {}) =>
      answer(await upstream.get({ endpoint: 'events', params: { ...q, query: windowed(q.query, o) } })),
    terms: async (q, o: RequestOptions = {}) =>
      answer(await upstream.get({ endpoint: 'terms', params: { ...q, scope: windowed(q.scope, o) } })),
    histogram: async (q, o: RequestOptions = {}) => {
      const params = { ...q, scope: windowed(q.scope, o), per_page: SERIES_PER_PAGE };
      let page = await upstream.get({ endpoint: 'date_histogram', params: { ...params, page: 1 } });
      const merged = page;
      for (let n = 2; n <= MAX_SERIES_PAGES && isFullPage(page); n++) {
        page = await upstream.get({ endpoint: 'date_histogram', params: { ...params, page: n } });
        for (const [name, buckets] of Object.entries(page.reports))
          merged.reports[name] = [...(merged.reports[name] ?? []), ...buckets];
      }
      return answer(merged);
    },
  };
}

/**
 * The pages a viewer opens, one step at a time (each step's requests at once, as the page
 * sends them): the overview at 30 days, then at 7 days, events pages 1-3, the terms page.
 */
const SESSION = [
  '/?range=30d',
  '/?range=7d',
  '/events?range=7d',
  '/events?range=7d&page=2',
  '/events?range=7d&page=3',
  '/terms?range=7d',
];

function steps(now: number): URL[][] {
  return SESSION.map((page) => {
    const built = pageRequests(page, now);
    if (!built.ok) throw new Error(built.problem.message);
    return built.requests.map((r) => new URL(r.url, 'http://dashboard.invalid'));
  });
}

/** Sends one request the way its route does: the route's own parsing, then one service call. */
async function send(target: Target, url: URL): Promise<void> {
  const endpoint = url.pathname.split('/').pop() as 'events' | 'terms' | 'date_histogram';
  const request = reportingRequest(endpoint, [...url.searchParams]);
  const options = request.options ?? {};
  if (request.endpoint === 'events') await target.events(request.query, options);
  else if (request.endpoint === 'terms') await target.terms(request.query, options);
  else await target.histogram(request.query, options);
}

async function runSession(targets: Target[], session: URL[][]): Promise<void> {
  for (const step of session) await Promise.all(targets.flatMap((target) => step.map((url) => send(target, url))));
}

type Counters = { ours: () => number; naive: () => number };

/** Upstream calls of one scenario: `viewers` people follow the script at the same time. */
async function spend(
  scenario: string,
  viewers: number,
  ours: Target,
  naive: Target,
  counters: Counters,
  now: number,
): Promise<CallsRow> {
  const before = { ours: counters.ours(), naive: counters.naive() };
  const session = steps(now);
  await runSession(Array(viewers).fill(ours), session);
  await runSession(Array(viewers).fill(naive), session);
  return { scenario, naive: counters.naive() - before.naive, ours: counters.ours() - before.ours };
}

/** Lets the refreshes started behind served answers land before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Each call of the reload: its endpoint, and for histograms how many buckets it asked for. */
function breakdown(sent: Sent[]): ReloadBreakdown {
  return sent.map(({ endpoint, url }) => {
    if (endpoint !== 'date_histogram') return { endpoint, calls: 1, buckets: '' };
    const from = Date.parse(url.searchParams.get('scope[time][gte]') ?? '');
    const to = Date.parse(url.searchParams.get('scope[time][lt]') ?? '');
    const interval = parseInterval(url.searchParams.get('interval') ?? '') as Interval;
    const count = bucketStartsBetween(from, to, interval).length;
    const span = `${new Date(from).toISOString().slice(0, 16)} – ${new Date(to).toISOString().slice(0, 16)}`;
    return { endpoint, calls: 1, buckets: `${count} ${url.searchParams.get('interval')} (${span})` };
  });
}

/**
 * What keeping closed buckets buys on the histogram page: a week by the hour (two pages), the
 * same 10 minutes later, then by the day and by the week (rolled up from the hours held), then
 * 30 days by the day (only the days before the week are new).
 */
async function histogramPage(events: number): Promise<CallsRow[]> {
  const start = Date.now();
  const clock = new ScriptClock(start);
  const forOurs = emulatorAndUpstream(events, start);
  const forNaive = emulatorAndUpstream(events, start);
  const ours = ourService(forOurs.upstream, clock);
  const naive = naiveProxy(forNaive.upstream, clock);
  const counters = { ours: forOurs.calls, naive: forNaive.calls };
  const open = async (scenario: string, page: string) => {
    const before = { ours: counters.ours(), naive: counters.naive() };
    const built = pageRequests(page, clock.t);
    if (!built.ok) throw new Error(built.problem.message);
    for (const r of built.requests) {
      const url = new URL(r.url, 'http://dashboard.invalid');
      const request = reportingRequest('date_histogram', [...url.searchParams]);
      if (request.endpoint !== 'date_histogram') continue;
      // The person accepted what a long histogram costs (the page asks first).
      await ours.histogram(request.query, { ...request.options, acceptedCost: 100 });
      await naive.histogram(request.query, request.options);
    }
    return { scenario, naive: counters.naive() - before.naive, ours: counters.ours() - before.ours };
  };
  const rows = [await open('histogram page: 7 days by the hour, cold', '/histogram?range=7d&interval=hour')];
  clock.t += 10 * 60_000;
  rows.push(await open('the same, 10 minutes later', '/histogram?range=7d&interval=hour'));
  rows.push(await open('by the day instead (rolled up from the hours)', '/histogram?range=7d&interval=day'));
  rows.push(await open('by the week', '/histogram?range=7d&interval=week'));
  rows.push(await open('30 days by the day', '/histogram?range=30d&interval=day'));
  return rows;
}

async function measureCalls(events: number): Promise<{ rows: CallsRow[]; ratio: number; reload: ReloadBreakdown }> {
  const start = Date.now();
  const clock = new ScriptClock(start);
  const forOurs = emulatorAndUpstream(events, start);
  const forNaive = emulatorAndUpstream(events, start);
  const ours = ourService(forOurs.upstream, clock);
  const naive = naiveProxy(forNaive.upstream, clock);
  const counters = { ours: forOurs.calls, naive: forNaive.calls };
  const cold = await spend('session, cold (empty cache)', 1, ours, naive, counters, clock.t);
  await settle();
  const warm = await spend('session again, warm (within the TTL)', 1, ours, naive, counters, clock.t);
  clock.t += 10 * 60_000;
  const sentBefore = forOurs.sent.length;
  const reloaded = await spend('reloaded 10 minutes later (every window moved)', 1, ours, naive, counters, clock.t);
  await settle();
  reloaded.ours = forOurs.calls() - sentBefore;
  const reload = breakdown(forOurs.sent.slice(sentBefore));
  const teamClock = new ScriptClock(start);
  const fresh = ourService(forOurs.upstream, teamClock);
  const team = await spend('5 viewers at once, cold', 5, fresh, naive, counters, teamClock.t);
  const rows = [cold, warm, reloaded, team, ...(await histogramPage(events))];
  const total = (r: CallsRow[], k: 'naive' | 'ours') => r.reduce((sum, row) => sum + row[k], 0);
  return {
    rows,
    ratio: total([cold, warm, reloaded], 'naive') / Math.max(1, total([cold, warm, reloaded], 'ours')),
    reload,
  };
}

/** The child process: a node:http server answering one cached terms query, or a trivial handler. */
async function serve(mode: Mode): Promise<void> {
  const { upstream } = emulatorAndUpstream(20_000, Date.now());
  const service = ourService(upstream);
  const query = 'field=event&size=10&range=30d';
  const input = termsInputSchema.parse([...new URLSearchParams(query)]);
  const warm = await service.terms(input.query, { range: input.range });
  const sameBody = JSON.stringify({ ...warm.data, meta: warm.meta });
  const server = createServer((req, res) => {
    if (mode !== 'service') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(mode === 'trivial' ? '{"status":"ok"}' : sameBody);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://bench.local');
    const parsed = termsInputSchema.safeParse([...url.searchParams]);
    if (!parsed.success) {
      res.writeHead(400).end();
      return;
    }
    service.terms(parsed.data.query, { range: parsed.data.range }).then(
      (result) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Cache': result.meta.cache });
        res.end(JSON.stringify({ ...result.data, meta: result.meta }));
      },
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, '127.0.0.1', () =>
    process.send?.({ port: (server.address() as AddressInfo).port, path: `/?${query}` }),
  );
}

type Mode = 'service' | 'trivial' | 'trivial-same-body';

async function startServer(mode: Mode) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', mode], { stdio: 'inherit' });
  const { port, path } = await new Promise<{ port: number; path: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; path: string }));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { mode, url: `http://127.0.0.1:${port}${path}`, stop: () => child.kill() };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Each handler in its own process; rounds interleaved and the median kept, so a busy moment hits all alike. */
async function loadTest(seconds: number, rounds: number): Promise<ThroughputRow[]> {
  const servers = await Promise.all((['trivial', 'trivial-same-body', 'service'] as const).map(startServer));
  try {
    for (const server of servers) await autocannon({ url: server.url, connections: 100, duration: 2 }); // warm-up
    const samples = new Map<Mode, { rps: number[]; p99: number[]; bad: number }>(
      servers.map((s) => [s.mode, { rps: [], p99: [], bad: 0 }]),
    );
    for (let round = 0; round < rounds; round++) {
      for (const server of servers) {
        const result = await autocannon({ url: server.url, connections: 100, duration: seconds });
        const sample = samples.get(server.mode);
        sample?.rps.push(result.requests.average);
        sample?.p99.push(result.latency.p99);
        if (sample) sample.bad += result.non2xx + result.errors;
      }
    }
    return [...samples].map(([handler, s]) => ({
      handler,
      requestsPerSecond: median(s.rps),
      p99Ms: median(s.p99),
      non2xx: s.bad,
    }));
  } finally {
    for (const server of servers) server.stop();
  }
}

export async function benchService(
  options: { events?: number; seconds?: number; rounds?: number } = {},
): Promise<ServiceBenchResult> {
  const { rows, ratio, reload } = await measureCalls(options.events ?? 100_000);
  const throughput = await loadTest(options.seconds ?? 4, options.rounds ?? 3);
  const service = throughput.find((t) => t.handler === 'service')?.requestsPerSecond ?? 0;
  const trivial = throughput.find((t) => t.handler === 'trivial')?.requestsPerSecond ?? 1;
  return { calls: rows, callRatio: ratio, reload, throughput, throughputRatio: service / trivial };
}

async function main(): Promise<void> {
  const result = await benchService();
  console.log('upstream calls spent by the scripted viewing session');
  console.table(
    result.calls.map((r) => ({ ...r, 'naive / ours': r.ours === 0 ? '∞' : Number((r.naive / r.ours).toFixed(1)) })),
  );
  console.log(`naive / ours over cold + warm + reload: ${result.callRatio.toFixed(1)}×`);
  console.log('the reload 10 minutes later, call by call (histograms: the buckets each call asked for)');
  console.table(result.reload);
  console.log('cached route throughput, autocannon, 100 connections (median of interleaved rounds)');
  console.table(result.throughput.map((t) => ({ ...t, requestsPerSecond: Math.round(t.requestsPerSecond) })));
  console.log(`service / trivial: ${(100 * result.throughputRatio).toFixed(0)}% (target ≥ 50%)`);
}

const serveMode = process.argv.indexOf('--serve');
if (serveMode >= 0) {
  void serve(process.argv[serveMode + 1] as Mode);
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
