/**
 * What the archive holds and how the sync stands, read from the store in one snapshot: the
 * coverage the reporting service tests query windows against, and the status behind
 * `GET /api/archive`. The caller caches the snapshot for about a second.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { fitFor } from './backfill';
import type { SyncContext } from './context';
import { EVENTS_PER_CALL } from './fit';
import { HOUR, iso, mergeIntervals, type Interval } from './intervals';
import { ROLLUP_KINDS } from './rollup-store';
import type { ArchiveCallClass, RollupKind } from './schema';
import type { SyncState, SyncWindow } from './sync-store';
import type { ArchiveCoverage, ArchiveStatus } from './types';

export type Snapshot = {
  at: number;
  /** This process's finished writes to the events when the snapshot was taken (before it read). */
  writes: number;
  state: SyncState | undefined;
  windows: SyncWindow[];
  imports: { label: string; from_ms: number; to_ms: number }[];
  calls: Record<ArchiveCallClass, number>;
  rollups: Record<RollupKind, Interval[]>;
};

export async function readSnapshot(ctx: SyncContext): Promise<Snapshot> {
  const at = ctx.now();
  const writes = ctx.writes;
  const [state, windows, imports, calls, ...spans] = await Promise.all([
    ctx.store.state(),
    ctx.store.windows(),
    ctx.store.imports(),
    ctx.store.callsSince(at - HOUR),
    ...ROLLUP_KINDS.map((kind) => ctx.rollups.spans(kind)),
  ]);
  const rollups = Object.fromEntries(ROLLUP_KINDS.map((kind, i) => [kind, spans[i]])) as Record<RollupKind, Interval[]>;
  return { at, writes, state, windows, imports, calls, rollups };
}

const heldPart = (w: SyncWindow): Interval => ({ from: w.held_from_ms ?? w.start_ms, to: w.end_ms });

export function coverageOf(snapshot: Snapshot, enabled: boolean): ArchiveCoverage {
  const { state } = snapshot;
  const live =
    state?.cursor_ms != null && state.segment_ms != null ? [{ from: state.segment_ms, to: state.cursor_ms }] : [];
  return {
    mode: !enabled ? 'off' : (state?.mode ?? 'full'),
    events: mergeIntervals([
      ...snapshot.windows.filter((w) => w.state === 'copied' || w.state === 'verified').map(heldPart),
      ...live,
      ...snapshot.imports.map((i) => ({ from: i.from_ms, to: i.to_ms })),
    ]),
    cursor: state?.cursor_ms ?? null,
    version: versionOf(snapshot),
  };
}

/**
 * Every write to the events goes with a change here: inserts and repairs move `events_held`,
 * a window's pages, attempts or state, or the cursor; a prune trims windows and stamps
 * `pruned_at_ms` (and recounts); an import adds its interval. The writes this process counted
 * cover the rest (an insert before there is any state to count it in).
 */
function versionOf(snapshot: Snapshot): string {
  let version = versions.get(snapshot);
  if (version === undefined) {
    version = createHash('sha256').update(versionText(snapshot)).digest('base64url');
    versions.set(snapshot, version);
  }
  return version;
}

const versions = new WeakMap<Snapshot, string>();

function versionText({ writes, state, windows, imports }: Snapshot): string {
  const parts = [
    String(writes),
    state
      ? [state.mode, state.cursor_ms, state.segment_ms, state.events_held, state.pruned_at_ms, state.floor_ms].join(',')
      : '-',
    ...windows.map((w) => [w.start_ms, w.end_ms, w.state, w.pages, w.held_from_ms, w.attempts].join(',')),
    ...imports.map((i) => [i.label, i.from_ms, i.to_ms].join(',')),
  ];
  return parts.join(';');
}

const isoAll = (intervals: readonly Interval[]) => intervals.map((i) => ({ from: iso(i.from), to: iso(i.to) }));

export function statusOf(ctx: SyncContext, snapshot: Snapshot, running: boolean): ArchiveStatus {
  const { state, at } = snapshot;
  const coverage = coverageOf(snapshot, ctx.settings.enabled);
  const verified = mergeIntervals(snapshot.windows.filter((w) => w.state === 'verified').map(heldPart));
  const f = state ? fitFor(ctx, state.rate_per_hour) : null;
  return {
    mode: coverage.mode,
    coverage: isoAll(coverage.events),
    imported: snapshot.imports.map((i) => ({ label: i.label, from: iso(i.from_ms), to: iso(i.to_ms) })),
    verifiedThrough: verified.length ? iso(verified[verified.length - 1].to) : null,
    verified: isoAll(verified),
    lagSeconds: state?.cursor_ms != null ? Math.max(0, Math.round((at - state.cursor_ms) / 1000)) : null,
    backfill: backfillProgress(snapshot, at, f?.backfillCallsPerHour ?? 0),
    eventsHeld: state?.events_held ?? 0,
    callsThisHour: {
      ...snapshot.calls,
      total: snapshot.calls.live + snapshot.calls.verification + snapshot.calls.backfill,
    },
    rollups: {
      hourly: isoAll(snapshot.rollups.hourly),
      countries: isoAll(snapshot.rollups.country),
      deviceTypes: isoAll(snapshot.rollups.device_type),
    },
    fit:
      state && f
        ? {
            eventsPerHour: Math.round(state.rate_per_hour),
            budgetPerHour: f.budgetPerHour,
            steadyCallsPerHour: Math.round(f.steadyCallsPerHour * 10) / 10,
            keepDays: f.keepDays,
            measuredAt: iso(state.fit_at_ms),
          }
        : null,
    running,
    retentionDays: ctx.settings.retentionDays,
  };
}

/**
 * Events of the backfill's windows copied out of those planned, and when it should end at the
 * calls per hour the fit leaves it (a page per 100 events and a verification per window).
 */
function backfillProgress(snapshot: Snapshot, now: number, callsPerHour: number): ArchiveStatus['backfill'] {
  let done = 0;
  let total = 0;
  let calls = 0;
  for (const w of snapshot.windows) {
    if (w.kind !== 'backfill') continue;
    total += w.expected;
    const copied =
      w.state === 'unplanned' ? 0 : w.state === 'queued' ? Math.min(w.expected, w.pages * EVENTS_PER_CALL) : w.expected;
    done += copied;
    if (w.state === 'unplanned' || w.state === 'queued')
      calls += Math.ceil((w.expected - copied) / EVENTS_PER_CALL) + 2;
    else if (w.state === 'copied') calls += 1;
  }
  const expectedEnd = calls > 0 && callsPerHour > 0 ? iso(now + (calls / callsPerHour) * HOUR) : null;
  return { done, total, expectedEnd };
}
