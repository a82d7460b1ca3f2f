/**
 * The archive's sync, as the rest of the app sees it. `createArchiveSync(deps)` does nothing
 * until `start()`; one replica at a time (the lease holder) calls upstream. Every replica
 * answers `status()` and `coverage()` from the store, cached for a second.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AuthyEvent } from '../../authy/responses';
import { SyncContext } from './context';
import { CursorWatch } from './cursor-watch';
import { covers } from './intervals';
import { createLanes } from './lanes';
import type { RollupStore } from './rollup-store';
import { DEFAULT_SCHEDULER, Scheduler, type SchedulerOptions } from './scheduler';
import { coverageOf, readSnapshot, statusOf, type Snapshot } from './status';
import type { ArchiveCoverage, ArchiveStatus, ArchiveSyncDeps } from './types';

export type { ArchiveCoverage, ArchiveStatus, ArchiveSyncDeps } from './types';
export { archiveSyncSettings } from './settings';
export { limitedUpstream } from './limited-upstream';

export type ArchiveSync = {
  /** Starts the background sync (lease, lanes). Idempotent; no work before it is called. */
  start(): void;
  /** Lets the steps under way finish and gives the lease up. */
  stop(): Promise<void>;
  /** Someone loaded a page: the live edge polls every ARCHIVE_LIVE_ACTIVE_SECONDS for a while. */
  touch(): void;
  /**
   * Resolves true once every event before `until` (capped at now: the future holds none yet)
   * is held, polling the live edge at once if needed; false when that did not happen within
   * `maxWaitMs` (budget spent, upstream failing, no live edge). Concurrent calls share one poll.
   */
  catchUp(until: number, options?: { maxWaitMs?: number }): Promise<boolean>;
  /** Asks the live edge to reach `until` (capped at now) soon, as `catchUp` does, without waiting for it. */
  askCatchUp(until: number): Promise<void>;
  status(): Promise<ArchiveStatus>;
  coverage(): Promise<ArchiveCoverage>;
  /** Demo mode only: stores events in bulk (idempotent); answers how many were new. */
  importEvents(events: readonly AuthyEvent[], options: { label: string }): Promise<number>;
  /** Demo mode only: declares [from, to) held whole (after `importEvents` of all its events). */
  markCovered(from: number, to: number, label: string): Promise<void>;
  /** Hourly counts per event name and daily top terms, for what the archive keeps no events of. */
  rollups: Pick<RollupStore, 'spans' | 'hourly' | 'dailyTerms'>;
};

const SNAPSHOT_MS = 1_000;
const TOUCH_SIGNAL_MS = 10_000;
const DEFAULT_CATCH_UP_WAIT_MS = 5_000;

export function createArchiveSync(
  deps: ArchiveSyncDeps,
  scheduling: SchedulerOptions = DEFAULT_SCHEDULER,
): ArchiveSync {
  const ctx = new SyncContext(deps);
  let snapshot: { at: number; value: Promise<Snapshot> } | undefined;
  const invalidate = () => (snapshot = undefined);
  const lanes = createLanes(ctx, (lane) => scheduler.wake(lane));
  const scheduler = new Scheduler(ctx, lanes, deps.holderId ?? randomUUID(), scheduling, invalidate);
  const enabled = deps.settings.enabled;
  let touchSignalled = -Infinity;
  const watch = new CursorWatch(async () => (await ctx.store.state())?.cursor_ms ?? null);

  function read(): Promise<Snapshot> {
    const now = Date.now();
    if (!snapshot || now - snapshot.at >= SNAPSHOT_MS) {
      const value = readSnapshot(ctx);
      snapshot = { at: now, value };
      value.catch(invalidate);
    }
    return snapshot.value;
  }

  function requireImport(): void {
    if (!deps.allowImport) throw new Error('archive imports run in demo mode only, never with a real API key');
  }

  /** Whether the live edge is at `target` already (true), cannot get there (false), or was asked to (null). */
  async function want(target: number): Promise<boolean | null> {
    const state = await ctx.store.state();
    if (state?.cursor_ms != null && state.cursor_ms >= target) return true;
    if (!state || state.mode === 'rollups') return false;
    if (target > lanes.live.wanted) {
      lanes.live.wanted = target;
      if (scheduler.holding()) scheduler.wake('live');
      else await ctx.store.signal({ wanted_ms: target });
    }
    return null;
  }

  async function catchUp(until: number, options: { maxWaitMs?: number } = {}): Promise<boolean> {
    if (!enabled) return false;
    const target = Math.min(until, ctx.now());
    const wanted = await want(target);
    if (wanted !== null) return wanted;
    const reached = await watch.until(target, Date.now() + (options.maxWaitMs ?? DEFAULT_CATCH_UP_WAIT_MS));
    if (reached) invalidate();
    return reached;
  }

  return {
    start: () => {
      if (enabled) scheduler.start();
    },
    stop: () => scheduler.stop(),
    touch() {
      if (!enabled) return;
      const now = ctx.now();
      const wasActive = lanes.live.active(now);
      lanes.live.touched = now;
      if (!wasActive && scheduler.holding()) scheduler.wake('live');
      if (now - touchSignalled >= TOUCH_SIGNAL_MS) {
        touchSignalled = now;
        ctx.store
          .signal({ touched_ms: now })
          .catch((err: unknown) => ctx.log.warn({ err }, 'archive: touch not recorded'));
      }
    },
    catchUp,
    async askCatchUp(until) {
      if (enabled) await want(Math.min(until, ctx.now()));
    },
    status: async () => statusOf(ctx, await read(), scheduler.holding()),
    coverage: async () => coverageOf(await read(), enabled),
    async importEvents(events, { label }) {
      requireImport();
      const inserted = await ctx.keep(events);
      ctx.log.debug({ label, inserted }, 'archive: events imported');
      invalidate();
      return inserted;
    },
    async markCovered(from, to, label) {
      requireImport();
      if (!(to > from)) throw new Error(`markCovered: [${from}, ${to}) is empty`);
      await ctx.store.markImported(from, to, label);
      invalidate();
    },
    rollups: {
      spans: (kind) => ctx.rollups.spans(kind),
      hourly: (from, to) => ctx.rollups.hourly(from, to),
      dailyTerms: (field, from, to) => ctx.rollups.dailyTerms(field, from, to),
    },
  };
}

/** Whether the archive holds every event of [from, to): the reporting service's test for a local answer. */
export function holdsWindow(coverage: ArchiveCoverage, from: number, to: number): boolean {
  return coverage.mode !== 'off' && covers(coverage.events, from, to);
}
