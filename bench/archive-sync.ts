/**
 * Archive sync benchmark, in virtual time (a clock that moves only when every lane rests, so
 * hours of sync run in seconds; upstream calls take no virtual time):
 *
 * 1. Backfill: the demo's emulator data (200,000 events over two years) from empty, the API's
 *    90 days, under a limiter sized to the archive's share of 30 a minute and 300 an hour.
 *    Targets: calls ≤ 1.1 × ⌈events copied / 100⌉ plus one verification per settled window;
 *    the sync's calls an hour ≥ 90% of the share's. For context, what a client that bursts
 *    whenever the limiter lets it would get in the same span (the sync spreads its calls).
 * 2. Live edge at 15,000 events an hour (a synthetic stream: the emulator's two-year data set
 *    tops out far below that rate) with a page open all the time: calls per hour by class,
 *    lag, and whether the archive keeps up inside its share.
 *
 * Run standalone: `npx tsx --conditions=react-server bench/archive-sync.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../lib/db/connect';
import { fit } from '../lib/archive/sync/fit';
import { DAY, HOUR, iso, MINUTE } from '../lib/archive/sync/intervals';
import { WINDOW_TARGET } from '../lib/archive/sync/settings';
import { coverageOf, readSnapshot, statusOf } from '../lib/archive/sync/status';
import { settledArchive } from '../test/support/archive-sync/expectations';
import { firehose } from '../test/support/archive-sync/firehose';
import { DATA_END, drive, harness, testEmulator, type Harness } from '../test/support/archive-sync/harness';
import { ApiError } from '../lib/api/errors';
import { Limiter } from '../lib/reporting/limiter';
import type { LimiterPolicy } from '../lib/reporting/policies';
import { MemorySlidingLog } from '../lib/reporting/sliding-log-memory';
import { ManualClock } from '../test/support/fakes';

const LIMITS = { perMinute: 30, perHour: 300 };
const DEFAULTS = { apiRetentionDays: 90, windowTarget: WINDOW_TARGET, liveActiveSeconds: 60, lookbackMinutes: 10 };

async function withStore<T>(run: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-archive-sync-'));
  const { db } = await openStore({ dataDir: dir });
  try {
    return await run(db);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (h: Harness, cls: 'live' | 'verification' | 'backfill', endpoint?: 'events' | 'date_histogram') =>
  h.calls.count({ cls, endpoint });

/**
 * The most calls a limiter of `policy`, empty at `from`, admits before `to`: a client that asks
 * again as soon as it is told to (the same whole seconds of Retry-After the sync gets).
 */
async function mostAdmitted(policy: LimiterPolicy, from: number, to: number): Promise<number> {
  const clock = new ManualClock(from);
  const limiter = new Limiter(new MemorySlidingLog(policy), policy, clock);
  let admitted = 0;
  while (clock.now() < to) {
    try {
      await limiter.acquire({ priority: 'interactive' }, { maxWaitMs: 0 });
      admitted++;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      clock.t += (error.retryAfterSeconds ?? 1) * 1000;
    }
  }
  return admitted;
}

async function backfill(): Promise<void> {
  const share = 0.5;
  await withStore(async (db) => {
    const clock = new ManualClock(DATA_END);
    // The emulator enforces the real limits too, in the same virtual time.
    const emulator = testEmulator({
      seed: 42,
      events: 200_000,
      ratePerMinute: LIMITS.perMinute,
      ratePerHour: LIMITS.perHour,
      clock: () => clock.now(),
    });
    const h = harness({
      db: async () => db,
      fetch: (r) => emulator.handle(r),
      clock,
      appId: 'bench',
      settings: DEFAULTS,
      budget: { ...LIMITS, share },
    });
    const started = clock.now();
    const wall = Date.now();
    await drive(h, clock, async () => {
      const open = (await h.ctx.store.windows(['unplanned', 'queued', 'copied'])).filter((w) => w.kind === 'backfill');
      return (await h.ctx.store.state()) !== undefined && open.length === 0;
    });
    const hours = (clock.now() - started) / HOUR;
    const status = statusOf(h.ctx, await readSnapshot(h.ctx), false);
    const windows = (await h.ctx.store.windows()).filter((w) => w.kind === 'backfill');
    const copied = status.backfill.done;
    const pages = count(h, 'backfill', 'events');
    const planning = count(h, 'backfill', 'date_histogram');
    const verifications = count(h, 'verification', 'date_histogram');
    const settledWindows = new Set(
      h.calls.calls.filter((c) => c.cls === 'verification').map((c) => JSON.stringify(c.query.params)),
    ).size;
    const archiveCalls = h.calls.calls.length;
    const allowed = share * Math.min(LIMITS.perHour, LIMITS.perMinute * 60);
    const bound = 1.1 * Math.ceil(copied / 100) + settledWindows;
    console.log('### Backfill (emulator, 200,000 events; the API’s 90 days; share 0.5 of 30/min and 300/h)\n');
    console.log('| figure | value |');
    console.log('| --- | --- |');
    console.log(
      `| events copied | ${copied} (in ${windows.length} window${windows.length === 1 ? '' : 's'} after merging) |`,
    );
    console.log(`| pages (events calls) | ${pages}; ⌈copied / 100⌉ = ${Math.ceil(copied / 100)} |`);
    console.log(`| planning calls (fit, sizing) | ${planning} |`);
    console.log(`| verification calls | ${verifications} for ${settledWindows} settled windows |`);
    console.log(`| live polls meanwhile | ${count(h, 'live')} |`);
    console.log(
      `| backfill + planning + verification | ${pages + planning + verifications} ≤ 1.1 × ⌈copied/100⌉ + windows = ${bound.toFixed(1)}: ${pages + planning + verifications <= bound ? 'met' : 'NOT MET'} |`,
    );
    console.log(
      `| virtual duration | ${hours.toFixed(2)} h (${((Date.now() - wall) / 1000).toFixed(0)} s of real time) |`,
    );
    const most = await mostAdmitted(h.limiter.policy, started, clock.now());
    const perHour = archiveCalls / hours;
    console.log(
      `| archive calls an hour over the backfill | ${perHour.toFixed(1)} of the share's ${allowed}: ${((100 * perHour) / allowed).toFixed(0)}% (target ≥ 90%) |`,
    );
    console.log(
      `| most archive calls in any rolling hour | ${mostInRollingHour(h.calls.calls.map((c) => c.at))} of the share's ${allowed} (a run of ${hours.toFixed(2)} h averages more than a rolling hour admits when its first and last hours are full) |`,
    );
    console.log(
      `| against a client that bursts whenever the limiter lets it | ${archiveCalls} of its ${most} in the same span (${((100 * archiveCalls) / most).toFixed(0)}%): the sync spreads its calls evenly |`,
    );
    console.log(
      `| mode | ${status.mode}; coverage ${status.coverage.map((c) => `${c.from} → ${c.to}`).join(', ')} |\n`,
    );
  });
}

async function liveEdge(share: number): Promise<void> {
  const rate = 15_000;
  const budget = { ...LIMITS, share };
  const decided = fit({ ...DEFAULTS, eventsPerHour: rate, budget });
  console.log(
    `### Live edge at ${rate.toLocaleString('en')} events an hour, share ${share} (${decided.budgetPerHour} calls an hour)\n`,
  );
  console.log(
    `Fit: steady cost ${decided.steadyCallsPerHour} calls an hour → mode \`${decided.mode}\`${decided.mode === 'partial' ? `, backfill reaches back ${decided.keepDays} days` : ''}.\n`,
  );
  if (decided.mode === 'rollups') {
    console.log('The live edge does not fit this share: the archive keeps rollups only (a few calls a day).\n');
    return;
  }
  await withStore(async (db) => {
    const T = Date.parse('2026-10-01T12:00:00.000Z');
    const clock = new ManualClock(T);
    const source = firehose({ eventsPerHour: rate, start: T - 2 * HOUR, clock: () => clock.now() });
    const h = harness({
      db: async () => db,
      fetch: source.fetch,
      clock,
      appId: 'bench-live',
      settings: { ...DEFAULTS, apiRetentionDays: 1 },
      budget,
      // The live edge goes before the backfill, as the limiter's classes will have it.
      ticketFor: (cls) => ({ priority: cls === 'live' ? 'interactive' : 'background' }),
    });
    // The two hours of history first (30,000 events), then three hours with a page open all along.
    await drive(h, clock, () => settledArchive(h), { maxVirtualMs: 2 * DAY });
    const from = clock.now();
    const before = h.calls.calls.length;
    let worstLag = 0;
    await drive(h, clock, async () => {
      h.lanes.live.touched = clock.now();
      const cursor = (await h.ctx.store.state())?.cursor_ms ?? 0;
      worstLag = Math.max(worstLag, clock.now() - cursor);
      return clock.now() >= from + 3 * HOUR;
    });
    const calls = h.calls.calls.slice(before);
    const hours = (clock.now() - from) / HOUR;
    const by = (cls: string, endpoint?: string) =>
      calls.filter((c) => c.cls === cls && (!endpoint || c.query.endpoint === endpoint)).length / hours;
    // What the coverage claims must be held whole.
    const coverage = coverageOf(await readSnapshot(h.ctx), true).events;
    let held = 0;
    let truth = 0;
    for (const c of coverage) {
      held += await h.ctx.events.countBetween('bench-live', c.from, c.to);
      truth += source.countBetween(c.from, c.to);
    }
    console.log('| figure | value |');
    console.log('| --- | --- |');
    console.log(
      `| live calls an hour | ${by('live').toFixed(1)} (events ${by('live', 'events').toFixed(1)}, look-back counts ${by('live', 'date_histogram').toFixed(1)}) |`,
    );
    console.log(`| verification calls an hour | ${by('verification').toFixed(1)} |`);
    console.log(`| all archive calls an hour | ${(calls.length / hours).toFixed(1)} of ${decided.budgetPerHour} |`);
    console.log(`| worst lag of the live edge | ${(worstLag / MINUTE).toFixed(1)} min |`);
    console.log(
      `| events held in the coverage (${coverage.map((c) => `${iso(c.from)} → ${iso(c.to)}`).join(', ')}) | ${held} of the stream's ${truth}: ${held === truth ? 'all' : 'MISSING SOME'} |\n`,
    );
  });
}

await backfill();
await liveEdge(0.5);
await liveEdge(1);

/** The most calls at instants `at` inside any 60 minutes. */
function mostInRollingHour(at: readonly number[]): number {
  const times = [...at].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i] - times[first] >= HOUR) first++;
    most = Math.max(most, i - first + 1);
  }
  return most;
}
