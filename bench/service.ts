/**
 * Reporting service benchmark.
 * (1) Upstream calls spent by a scripted viewing session (overview: its histogram series and
 *     terms by event, device type and country; change the range; events pages 1-3; the terms
 *     page), as the UI's request builders make them, cold and warm, against a naive proxy
 *     (no cache, no coalescing, no de-dup) on the same script in the same run. Target ≥ 10×.
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
import type { Condition } from '../lib/authy/bracket-codec';
import { createEmulator } from '../lib/emulator/index';
import { resolveRange, type RangePreset } from '../lib/ranges';
import { isFullPage, MAX_SERIES_PAGES, SERIES_PER_PAGE } from '../lib/reporting/histogram-pager';
import { Limiter } from '../lib/reporting/limiter';
import { MemoryCache } from '../lib/reporting/memory-cache';
import { upstreamLimiterPolicy } from '../lib/reporting/policies';
import { PRIORITIES, type Priority } from '../lib/reporting/priorities';
import { eventsInputSchema, histogramInputSchema, termsInputSchema } from '../lib/reporting/route-input';
import { ReportingService, type RequestOptions } from '../lib/reporting/service';
import type { ReportingMeta } from '../lib/reporting/types';
import { MemorySlidingLog } from '../lib/reporting/sliding-log-memory';
import { createUpstreamClient, type UpstreamClient } from '../lib/reporting/upstream-client';

const KEY = 'bench-service-key';
type Endpoint = 'events' | 'date_histogram' | 'terms';
type Step = { endpoint: Endpoint; search: URLSearchParams }[];
type Target = Pick<ReportingService, 'events' | 'histogram' | 'terms'>;

const NO_CALLS = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
const NO_BUDGET = { limit: 0, remaining: 0, resetAt: '', byClass: NO_CALLS };
const NAIVE_META: ReportingMeta = {
  cache: 'miss',
  fetchedAt: '',
  ageSeconds: 0,
  budget: { minute: NO_BUDGET, hour: NO_BUDGET, backoffUntil: null, waiting: 0 },
};

export type CallsRow = { scenario: string; naive: number; ours: number };
export type ThroughputRow = { handler: string; requestsPerSecond: number; p99Ms: number; non2xx: number };
export type ServiceBenchResult = {
  calls: CallsRow[];
  callRatio: number;
  throughput: ThroughputRow[];
  throughputRatio: number;
};

function emulatorAndUpstream(events: number) {
  const emulator = createEmulator({ seed: 42, events, apiKey: KEY, ratePerMinute: 1e9, ratePerHour: 1e9 });
  const upstream = createUpstreamClient({
    fetch: (r) => emulator.handle(r),
    baseUrl: 'http://emulator.invalid',
    apiKey: KEY,
    timeoutMs: 30_000,
  });
  const calls = () => Object.values(emulator.stats().requests).reduce((a, b) => a + b, 0);
  return { upstream, calls };
}

function ourService(upstream: UpstreamClient): ReportingService {
  const policy = upstreamLimiterPolicy({ perMinute: 30, perHour: 300, maxWaitMs: 5_000 });
  const limiter = new Limiter(new MemorySlidingLog(policy), policy);
  return new ReportingService({
    upstream,
    limiter,
    cache: new MemoryCache({ maxBytes: 64 * 1024 * 1024 }),
    log: pino({ level: 'silent' }),
  });
}

/** What a proxy without cache, coalescing or de-dup does: every request goes upstream. */
function naiveProxy(upstream: UpstreamClient): Target {
  const windowed = (conditions: Condition[], range: RangePreset | undefined): Condition[] => {
    if (!range) return conditions;
    const w = resolveRange(range, Date.now());
    const at = (ms: number) => new Date(ms).toISOString();
    return [
      ...conditions,
      { attribute: 'time', operator: 'gte', value: at(w.from) },
      { attribute: 'time', operator: 'lt', value: at(w.to) },
    ];
  };
  const answer = <T>(data: T) => ({ data, meta: NAIVE_META });
  return {
    events: async (q, o: RequestOptions = {}) =>
      answer(await upstream.get({ endpoint: 'events', params: { ...q, query: windowed(q.query, o.range) } })),
    terms: async (q, o: RequestOptions = {}) =>
      answer(await upstream.get({ endpoint: 'terms', params: { ...q, scope: windowed(q.scope, o.range) } })),
    histogram: async (q, o: RequestOptions = {}) => {
      const params = { ...q, scope: windowed(q.scope, o.range), per_page: SERIES_PER_PAGE };
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

const OVERVIEW_SERIES =
  'report[verified][event][eq]=token_verified&report[invalid][event][eq]=token_invalid' +
  '&report[approved][event][eq]=one_touch_request_responded&report[approved][objects.onetouch_request.s_status][eq]=approved' +
  '&report[denied][event][eq]=one_touch_request_responded&report[denied][objects.onetouch_request.s_status][eq]=denied' +
  '&report[users_added][event][eq]=user_added';
const OVERVIEW_TERMS = ['event', 'objects.device.s_device_type', 'objects.user.s_country_code'];

/**
 * The requests the dashboard's pages send, step by step (each step's requests at once), as
 * lib/queries builds them: the overview asks ONE histogram with its five series over the
 * previous and the current period (an interval that keeps it to one page) and three terms.
 * (lib/queries itself cannot load under the react-server condition: it imports React Query.)
 */
function viewingSession(now: number): Step[] {
  const overview = (range: RangePreset, interval: string): Step => {
    const w = previousAndCurrent(resolveRange(range, now));
    const span = `scope[time][gte]=${w.from}&scope[time][lt]=${w.to}`;
    return [
      { endpoint: 'date_histogram', search: new URLSearchParams(`${OVERVIEW_SERIES}&${span}&interval=${interval}`) },
      ...OVERVIEW_TERMS.map((field): Step[number] => ({
        endpoint: 'terms',
        search: new URLSearchParams(`field=${field}&size=10&range=${range}`),
      })),
    ];
  };
  const events = (page: number): Step => [
    { endpoint: 'events', search: new URLSearchParams(`page=${page}&per_page=50&range=7d`) },
  ];
  const terms: Step = [
    { endpoint: 'terms', search: new URLSearchParams('field=objects.device.s_device_type&size=10&range=7d') },
  ];
  return [overview('30d', 'day'), overview('7d', '6h'), events(1), events(2), events(3), terms];
}

function previousAndCurrent(window: { from: number; to: number }): { from: string; to: string } {
  return { from: new Date(2 * window.from - window.to).toISOString(), to: new Date(window.to).toISOString() };
}

/** Sends one request the way its route does: the route's own schema, then one service call. */
async function send(target: Target, { endpoint, search }: Step[number]): Promise<void> {
  const entries = [...search];
  if (endpoint === 'events') {
    const input = eventsInputSchema.parse(entries);
    await target.events(input.query, { range: input.range });
  } else if (endpoint === 'terms') {
    const input = termsInputSchema.parse(entries);
    await target.terms(input.query, { range: input.range });
  } else {
    const input = histogramInputSchema.parse(entries);
    await target.histogram(input.query, { range: input.range });
  }
}

async function runSession(targets: Target[], steps: Step[]): Promise<void> {
  for (const step of steps)
    await Promise.all(targets.flatMap((target) => step.map((request) => send(target, request))));
}

/** Upstream calls of one scenario: `viewers` people follow the script at the same time. */
async function spend(
  scenario: string,
  viewers: number,
  ours: Target,
  naive: Target,
  counters: { ours: () => number; naive: () => number },
): Promise<CallsRow> {
  const before = { ours: counters.ours(), naive: counters.naive() };
  const steps = viewingSession(Date.now());
  await runSession(Array(viewers).fill(ours), steps);
  await runSession(Array(viewers).fill(naive), steps);
  return { scenario, naive: counters.naive() - before.naive, ours: counters.ours() - before.ours };
}

async function measureCalls(events: number): Promise<{ rows: CallsRow[]; ratio: number }> {
  const forOurs = emulatorAndUpstream(events);
  const forNaive = emulatorAndUpstream(events);
  const ours = ourService(forOurs.upstream);
  const naive = naiveProxy(forNaive.upstream);
  const counters = { ours: forOurs.calls, naive: forNaive.calls };
  const cold = await spend('session, cold (empty cache)', 1, ours, naive, counters);
  const warm = await spend('session again, warm (within the TTL)', 1, ours, naive, counters);
  const fresh = ourService(forOurs.upstream);
  const team = await spend('5 viewers at once, cold', 5, fresh, naive, counters);
  return { rows: [cold, warm, team], ratio: (cold.naive + warm.naive) / Math.max(1, cold.ours + warm.ours) };
}

/** The child process: a node:http server answering one cached terms query, or a trivial handler. */
async function serve(mode: Mode): Promise<void> {
  const { upstream } = emulatorAndUpstream(20_000);
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
  const { rows, ratio } = await measureCalls(options.events ?? 100_000);
  const throughput = await loadTest(options.seconds ?? 4, options.rounds ?? 3);
  const service = throughput.find((t) => t.handler === 'service')?.requestsPerSecond ?? 0;
  const trivial = throughput.find((t) => t.handler === 'trivial')?.requestsPerSecond ?? 1;
  return { calls: rows, callRatio: ratio, throughput, throughputRatio: service / trivial };
}

async function main(): Promise<void> {
  const result = await benchService();
  console.log('upstream calls spent by the scripted viewing session');
  console.table(
    result.calls.map((r) => ({ ...r, 'naive / ours': r.ours === 0 ? '∞' : Number((r.naive / r.ours).toFixed(1)) })),
  );
  console.log(`naive / ours over the session cold + warm: ${result.callRatio.toFixed(1)}× (target ≥ 10×)`);
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
