/**
 * Emulator benchmark: builds a 1,000,000-event data set and times the three queries the
 * contract names, through `emulator.handle` (parsing, query, JSON serialization included):
 * (a) an events page with two filters, (b) a daily histogram over a year with three reports,
 * (c) terms on objects.user.s_authy_id for a month. Targets: median ≤ 50 ms, RSS ≤ 1 GB.
 *
 * Run standalone: `npx tsx bench/emulator.ts` (EMULATOR_BENCH_EVENTS overrides the size).
 */
import { pathToFileURL } from 'node:url';
import { createEmulator, type Emulator } from '../lib/emulator/index';

export type EmulatorBenchRow = { name: string; medianMs: number; p95Ms: number; runs: number };
export type EmulatorBenchResult = EmulatorBenchRow[] & {
  events: number;
  generationMs: number;
  rssMb: number;
};

const KEY = 'bench-key';
const NOW = Date.parse('2024-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Each query cycles through variants so no single lucky shape is measured. */
const QUERIES: { name: string; variants: string[] }[] = [
  {
    name: 'events: page with two filters',
    variants: [
      ['token_invalid', '44', 1],
      ['one_touch_request_responded', '1', 3],
      ['totp_token_sent', '55', 1],
      ['token_verified', '91', 2],
      ['device_registration_completed', '49', 1],
    ].map(
      ([event, country, page]) =>
        `/protected/json/reporting/events?query[event][eq]=${event}&query[objects.user.s_country_code][eq]=${country}&page=${page}&per_page=50`,
    ),
  },
  {
    name: 'date_histogram: daily, one year, three reports',
    variants: [1, 2, 3, 4].map(
      (page) =>
        `/protected/json/reporting/date_histogram?interval=day&scope[time][gte]=${iso(NOW - 365 * DAY)}&scope[time][lt]=${iso(NOW)}` +
        '&report[verified][event][eq]=token_verified&report[invalid][event][eq]=token_invalid' +
        `&report[push][event][eq]=one_touch_request_responded&page=${page}&per_page=100`,
    ),
  },
  {
    // Not one of the contract's three: the same histogram with a scope condition, which
    // takes the scanning path instead of the posting lists.
    name: 'date_histogram: same, scoped to country 1',
    variants: [1, 2, 3, 4].map(
      (page) =>
        `/protected/json/reporting/date_histogram?interval=day&scope[time][gte]=${iso(NOW - 365 * DAY)}&scope[time][lt]=${iso(NOW)}` +
        '&scope[objects.user.s_country_code][eq]=1&report[verified][event][eq]=token_verified' +
        `&report[invalid][event][eq]=token_invalid&report[push][event][eq]=one_touch_request_responded&page=${page}&per_page=100`,
    ),
  },
  {
    name: 'terms: objects.user.s_authy_id for a month',
    variants: [1, 2, 3, 4, 5, 6].map((back) => {
      const month = new Date(NOW);
      const from = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - back, 1);
      const to = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - back + 1, 1);
      return `/protected/json/reporting/terms?field=objects.user.s_authy_id&scope[time][gte]=${iso(from)}&scope[time][lt]=${iso(to)}&size=100`;
    }),
  },
];

async function timeCall(emulator: Emulator, path: string): Promise<number> {
  const started = performance.now();
  const response = await emulator.handle(
    new Request(`http://emulator.bench${path}`, { headers: { 'X-Authy-API-Key': KEY } }),
  );
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return performance.now() - started;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function benchEmulator(
  options: { events?: number; runs?: number; warmup?: number } = {},
): Promise<EmulatorBenchResult> {
  const events = options.events ?? 1_000_000;
  const runs = options.runs ?? 40;
  const warmup = options.warmup ?? 8;
  const emulator = createEmulator({
    seed: 42,
    events,
    now: NOW,
    apiKey: KEY,
    ratePerMinute: Number.MAX_SAFE_INTEGER,
    ratePerHour: Number.MAX_SAFE_INTEGER,
  });
  const generationStarted = performance.now();
  void emulator.dataset.size; // generation happens on first use
  const generationMs = performance.now() - generationStarted;

  const rows: EmulatorBenchRow[] = [];
  for (const query of QUERIES) {
    for (let i = 0; i < warmup; i++) await timeCall(emulator, query.variants[i % query.variants.length]);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await timeCall(emulator, query.variants[i % query.variants.length]));
    samples.sort((a, b) => a - b);
    rows.push({ name: query.name, medianMs: percentile(samples, 50), p95Ms: percentile(samples, 95), runs });
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  return Object.assign(rows, { events, generationMs, rssMb });
}

async function main(): Promise<void> {
  const events = Number(process.env.EMULATOR_BENCH_EVENTS ?? 1_000_000);
  const result = await benchEmulator({ events });
  console.log(`emulator benchmark: ${result.events.toLocaleString('en')} events`);
  console.log(`generation ${result.generationMs.toFixed(0)} ms, RSS ${result.rssMb.toFixed(0)} MB (target ≤ 1024)`);
  console.table(
    result.map((row) => ({
      query: row.name,
      'median ms': Number(row.medianMs.toFixed(1)),
      'p95 ms': Number(row.p95Ms.toFixed(1)),
      runs: row.runs,
      'target ≤ 50 ms': row.medianMs <= 50 ? 'ok' : 'MISSED',
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
