/**
 * Lighthouse benchmark of the dashboard's pages, signed in, against a running production
 * server in demo mode: median performance and accessibility scores over several runs (a
 * 2-core machine moves the performance score by about ±5 between runs), and the first-load
 * JavaScript of each route (gzip size of the scripts its HTML loads, measured from the build
 * because Next 16 no longer prints it). Targets: performance ≥ 90, accessibility ≥ 95.
 *
 * Run: `npm run bench -- lighthouse` starts the demo itself (`scripts/demo.mjs`, which builds
 * when the build is missing or stale) on port 3210 with its own data folder, and stops it after.
 * Against a server already running: BASE_URL=http://127.0.0.1:3201 NEXT_DIST_DIR=.next-x.
 * Settings: LIGHTHOUSE_RUNS (5, Lighthouse's own advice against its run-to-run variance),
 * LIGHTHOUSE_FORM_FACTOR (desktop | mobile | both; desktop), LIGHTHOUSE_PAGES (comma-separated
 * paths), DASHBOARD_USER / DASHBOARD_PASSWORD (demo / demo).
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig, type Flags } from 'lighthouse';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../scripts/chromium';

export const DEFAULT_PAGES = ['/', '/histogram', '/terms', '/events', '/users', '/reports'];
export const CHROME_FLAGS = ['--headless', ...CHROMIUM_ARGS];

export type LighthouseOptions = {
  baseUrl: string;
  pages?: string[];
  runs?: number;
  formFactor?: 'desktop' | 'mobile';
  /** The build folder the server runs from, for first-load JavaScript. */
  distDir?: string;
  username?: string;
  password?: string;
  chromePath?: string;
};

export type PageResult = {
  path: string;
  performance: number;
  accessibility: number;
  runs: {
    performance: number;
    accessibility: number;
    lcpMs: number;
    tbtMs: number;
    cls: number;
    benchmarkIndex: number;
  }[];
  firstLoadJsGzipKb: number;
  scripts: number;
};

export type LighthouseResult = { formFactor: 'desktop' | 'mobile'; runs: number; pages: PageResult[] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Signs in through the API and returns the session cookie, as a browser would hold it. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(new URL('/api/session', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (cookies.length === 0) throw new Error('sign-in set no cookie');
  return cookies.join('; ');
}

/** Gzip size of every script the page's HTML loads, read from the build folder. */
export async function firstLoadJs(
  baseUrl: string,
  pagePath: string,
  cookie: string,
  distDir: string,
): Promise<{ bytes: number; scripts: number }> {
  const html = await (await fetch(new URL(pagePath, baseUrl), { headers: { Cookie: cookie } })).text();
  // noModule scripts are polyfills that modern browsers skip: they are not part of the load.
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnoModule\b/i.test(tag));
  const sources = new Set(
    tags.flatMap((tag) => [...tag.matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))),
  );
  let bytes = 0;
  for (const src of sources) {
    const { pathname } = new URL(src, baseUrl);
    if (!pathname.startsWith('/_next/')) continue;
    const file = path.join(distDir, decodeURIComponent(pathname.slice('/_next/'.length)));
    bytes += gzipSync(await readFile(file), { level: 9 }).length;
  }
  return { bytes, scripts: sources.size };
}

export async function runLighthouse(options: LighthouseOptions): Promise<LighthouseResult> {
  const pages = options.pages ?? DEFAULT_PAGES;
  const runs = options.runs ?? 5;
  const formFactor = options.formFactor ?? 'desktop';
  const distDir = path.resolve(options.distDir ?? '.next');
  const cookie = await signIn(options.baseUrl, options.username ?? 'demo', options.password ?? 'demo');
  const chrome = await launch({
    chromePath: options.chromePath ?? process.env.CHROME_PATH ?? SYSTEM_CHROMIUM,
    chromeFlags: CHROME_FLAGS,
  });
  const results: PageResult[] = [];
  try {
    for (const pagePath of pages) {
      const url = new URL(pagePath, options.baseUrl).toString();
      const flags: Flags = {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: { Cookie: cookie },
      };
      // One unmeasured load warms the server's cache and the emulator, as a returning viewer would find them.
      await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
      const pageRuns: PageResult['runs'] = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
        if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
        const { categories, audits } = result.lhr;
        pageRuns.push({
          performance: Math.round((categories.performance.score ?? 0) * 100),
          accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
          lcpMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? 0),
          tbtMs: Math.round(audits['total-blocking-time']?.numericValue ?? 0),
          cls: Number((audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
          // Lighthouse's measure of how fast this machine was during the run (a quiet desktop
          // scores ~1,500-2,000): it tells a slow page from a busy machine.
          benchmarkIndex: Math.round(result.lhr.environment.benchmarkIndex),
        });
      }
      const js = await firstLoadJs(options.baseUrl, pagePath, cookie, distDir);
      results.push({
        path: pagePath,
        performance: median(pageRuns.map((r) => r.performance)),
        accessibility: median(pageRuns.map((r) => r.accessibility)),
        runs: pageRuns,
        firstLoadJsGzipKb: Math.round(js.bytes / 102.4) / 10,
        scripts: js.scripts,
      });
    }
  } finally {
    chrome.kill();
  }
  return { formFactor, runs, pages: results };
}

/** The demo, started for the benchmark alone: its own port and a fresh data folder. */
async function startDemo(port: number): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const dataDir = `.data-bench-${port}`;
  await rm(dataDir, { recursive: true, force: true });
  const child = spawn('node', ['scripts/demo.mjs'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 300_000; // a first build takes a minute or two here
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the demo exited (${child.exitCode}) before answering`);
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { baseUrl, stop };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await stop();
  throw new Error('the demo did not answer within 5 minutes');
}

function printResult(result: LighthouseResult): void {
  console.log(
    `Lighthouse (${result.formFactor}, median of ${result.runs} runs; targets: performance ≥ 90, accessibility ≥ 95)`,
  );
  console.table(
    result.pages.map((p) => ({
      page: p.path,
      performance: p.performance,
      accessibility: p.accessibility,
      'LCP ms (median)': median(p.runs.map((r) => r.lcpMs)),
      'TBT ms (median)': median(p.runs.map((r) => r.tbtMs)),
      CLS: median(p.runs.map((r) => r.cls)),
      'machine (benchmarkIndex)': median(p.runs.map((r) => r.benchmarkIndex)),
      'first-load JS (gzip KB)': p.firstLoadJsGzipKb,
      scripts: p.scripts,
    })),
  );
  const failing = result.pages.filter((p) => p.performance < 90 || p.accessibility < 95);
  if (failing.length > 0) console.log(`Below target: ${failing.map((p) => p.path).join(', ')}`);
}

async function main() {
  const demo = process.env.BASE_URL ? null : await startDemo(Number(process.env.LIGHTHOUSE_PORT ?? 3210));
  const requested = process.env.LIGHTHOUSE_FORM_FACTOR ?? 'desktop';
  const formFactors =
    requested === 'both'
      ? (['desktop', 'mobile'] as const)
      : ([requested === 'mobile' ? 'mobile' : 'desktop'] as const);
  try {
    for (const formFactor of formFactors) {
      printResult(
        await runLighthouse({
          baseUrl: process.env.BASE_URL ?? demo?.baseUrl ?? '',
          pages: process.env.LIGHTHOUSE_PAGES?.split(',').filter(Boolean),
          runs: Number(process.env.LIGHTHOUSE_RUNS ?? 5),
          formFactor,
          distDir: process.env.NEXT_DIST_DIR ?? '.next',
          username: process.env.DASHBOARD_USER,
          password: process.env.DASHBOARD_PASSWORD,
        }),
      );
    }
  } finally {
    await demo?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
