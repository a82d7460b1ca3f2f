/**
 * The sync as the app wires it: real timers, the scheduler, the lease. Two replicas on one
 * store run one sync between them; a request on either catches the live edge up; the demo's
 * import path refuses to run outside demo mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from '../../db/connect';
import { createEmulator } from '../../emulator';
import { Limiter } from '../../reporting/limiter';
import { upstreamLimiterPolicy } from '../../reporting/policies';
import { MemorySlidingLog } from '../../reporting/sliding-log-memory';
import { systemClock } from '../../reporting/clock';
import { capturingLogger } from '@/test/support/fakes';
import { createUpstreamClient } from '../../reporting/upstream-client';
import { createArchiveSync, holdsWindow, type ArchiveSync } from './index';
import { DAY } from './intervals';
import { limitedUpstream } from './limited-upstream';
import { EMULATOR_KEY, TEST_SETTINGS } from '@/test/support/archive-sync/harness';
import type { ArchiveSyncDeps, ArchiveUpstream } from './types';

// Data up to the moment the tests start, so the sync's real clock finds a live edge.
const emulator = createEmulator({
  seed: 3,
  events: 20_000,
  apiKey: EMULATOR_KEY,
  ratePerMinute: 1_000_000,
  ratePerHour: 1_000_000,
});
const policy = upstreamLimiterPolicy({ perMinute: 1_000, perHour: 10_000, maxWaitMs: 1_000 });
const limiter = new Limiter(new MemorySlidingLog(policy), policy);
const client = createUpstreamClient({
  fetch: (r) => emulator.handle(r),
  baseUrl: 'http://emulator.invalid',
  apiKey: EMULATOR_KEY,
  timeoutMs: 5_000,
});
const upstream = limitedUpstream({ client, limiter, ticketFor: () => ({ priority: 'background' }) });

/** Counts the calls one replica sends. */
function counted(): { upstream: ArchiveUpstream; calls: () => number } {
  let calls = 0;
  return {
    upstream: {
      get(query, cls) {
        calls++;
        return upstream.get(query, cls);
      },
    },
    calls: () => calls,
  };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(backends)('the archive sync on $name, wired as the app wires it', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  const running: ArchiveSync[] = [];
  beforeAll(async () => {
    ({ store, close } = await backend.open());
    // Generated now: generating on the first call would stall the event loop, and with it a lease renewal.
    expect(emulator.dataset.size).toBeGreaterThanOrEqual(20_000);
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await close();
  });

  const replica = (appId: string, holderId: string, overrides: Partial<ArchiveSyncDeps> = {}) => {
    const counter = counted();
    const deps: ArchiveSyncDeps = {
      appId,
      db: async () => store.db,
      upstream: counter.upstream,
      budget: { perMinute: 1_000, perHour: 10_000, share: 0.5 },
      settings: { ...TEST_SETTINGS, apiRetentionDays: 1 },
      clock: systemClock,
      log: capturingLogger().logger,
      holderId,
      ...overrides,
    };
    // A lease of 3 s renewed every second: short enough for a test, long enough for a loaded machine.
    const sync = createArchiveSync(deps, { tickMs: 50, leaseTtlMs: 3_000 });
    running.push(sync);
    return { sync, calls: counter.calls };
  };

  it('runs one sync between two replicas, catches up on a request to either, and fails over', async () => {
    const a = replica('app_replicas', 'a');
    const b = replica('app_replicas', 'b');
    a.sync.start();
    b.sync.start();
    await until(async () => {
      const [sa, sb] = await Promise.all([a.sync.status(), b.sync.status()]);
      return (sa.running || sb.running) && sa.backfill.total > 0 && sa.backfill.done === sa.backfill.total;
    });
    const [holder, other] = (await a.sync.status()).running ? [a, b] : [b, a];
    expect(holder.calls()).toBeGreaterThan(0);
    expect(other.calls()).toBe(0);
    expect((await other.sync.status()).running).toBe(false);

    // A request on the replica that does not sync: the holder polls for it.
    const asked = Date.now();
    const before = holder.calls();
    expect(await other.sync.catchUp(asked, { maxWaitMs: 10_000 })).toBe(true);
    expect(holder.calls()).toBeGreaterThan(before);
    expect(other.calls()).toBe(0);
    const coverage = await other.sync.coverage();
    expect(coverage.cursor).toBeGreaterThanOrEqual(asked);
    expect(holdsWindow(coverage, asked - DAY / 2, asked)).toBe(true);

    await holder.sync.stop();
    const stopped = holder.calls();
    await until(async () => (await other.sync.status()).running);
    expect(await other.sync.catchUp(Date.now(), { maxWaitMs: 10_000 })).toBe(true);
    expect(other.calls()).toBeGreaterThan(0);
    expect(holder.calls()).toBe(stopped);
  }, 60_000);

  it('says off and covers nothing with ARCHIVE=off', async () => {
    const off = replica('app_off', 'x', { settings: { ...TEST_SETTINGS, enabled: false } });
    off.sync.start();
    off.sync.touch();
    expect(await off.sync.catchUp(Date.now())).toBe(false);
    expect(await off.sync.coverage()).toMatchObject({ mode: 'off', events: [] });
    expect((await off.sync.status()).mode).toBe('off');
    expect(off.calls()).toBe(0);
  });

  it('imports a period in bulk in demo mode only, and covers it', async () => {
    const live = replica('app_import', 'x');
    await expect(live.sync.importEvents([], { label: 'demo' })).rejects.toThrow(/demo mode only/);
    await expect(live.sync.markCovered(0, 1, 'demo')).rejects.toThrow(/demo mode only/);

    const demo = replica('app_import', 'y', { allowImport: true });
    const from = emulator.dataset.end - 200 * DAY;
    const to = from + 3 * DAY;
    const events: Parameters<ArchiveSync['importEvents']>[0][number][] = [];
    emulator.dataset.forEachEvent((e) => events.push(e), { from, to });
    const versions = [(await demo.sync.coverage()).version];
    expect(await demo.sync.importEvents(events, { label: 'demo pre-fill' })).toBe(events.length);
    versions.push((await demo.sync.coverage()).version);
    expect(await demo.sync.importEvents(events, { label: 'demo pre-fill' })).toBe(0);
    versions.push((await demo.sync.coverage()).version);
    await demo.sync.markCovered(from, to, 'demo pre-fill');
    versions.push((await demo.sync.coverage()).version);
    // What it holds changed with the first import and the cover, not with the import that added nothing.
    expect(versions[1]).not.toBe(versions[0]);
    expect(versions[2]).toBe(versions[1]);
    expect(versions[3]).not.toBe(versions[2]);
    const status = await demo.sync.status();
    expect(status.imported).toEqual([
      { label: 'demo pre-fill', from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    ]);
    const coverage = await demo.sync.coverage();
    expect(holdsWindow(coverage, from + DAY, to)).toBe(true);
    expect(holdsWindow(coverage, from - 1, to)).toBe(false);
    expect(demo.calls()).toBe(0);
  });
});
