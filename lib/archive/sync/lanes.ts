/**
 * The sync's lanes: live, verification, backfill (with fit, planning and rollups) and
 * housekeeping. Each is one step at a time, so never more than one call in flight per class.
 * A step answers how long its lane rests; a failure becomes a rest too: what the upstream or
 * the limiter asked for on 429s and a spent share, a growing pause on 5xx, timeouts and
 * malformed bodies, so a failing upstream is never hammered.
 */
import 'server-only';
import { ApiError } from '../../api/errors';
import { UpstreamError } from '../../reporting/upstream-errors';
import { copyStep, fitStep, planStep, REFIT_EVERY_MS } from './backfill';
import type { SyncContext } from './context';
import { sharePerHour, steadyCallsPerHour } from './fit';
import { ceilTo, floorTo, HOUR, MINUTE } from './intervals';
import { LiveEdge } from './live-edge';
import { Housekeeping } from './retention';
import { nextRollupWork, rollupStep } from './rollups';
import type { SyncState } from './sync-store';
import { verifyStep } from './verification';

export const LANES = ['live', 'verification', 'backfill', 'housekeeping'] as const;
export type LaneName = (typeof LANES)[number];

const MAX_PAUSE_MS = 60_000;
const BACK_OFF_MS = 60_000;
const SUSPENDED_MS = 15 * 60_000;
const REFUSED_MS = 5 * 60_000;
const IDLE_MS = 10 * 60_000;
/** How long the backfill waits for room once it has spent the hour the live edge leaves it. */
const PACE_MS = 60_000;

export type Lanes = {
  live: LiveEdge;
  step(lane: LaneName): Promise<number>;
};

/** `wake` runs a lane's next step now (the scheduler's); the live edge wakes the backfill when it hands a gap over. */
export function createLanes(ctx: SyncContext, wake: (lane: LaneName) => void = () => {}): Lanes {
  const live = new LiveEdge(ctx, () => wake('backfill'));
  const housekeeping = new Housekeeping(ctx);
  const failures: Record<LaneName, number> = { live: 0, verification: 0, backfill: 0, housekeeping: 0 };
  const work: Record<LaneName, () => Promise<number>> = {
    live: () => live.step(),
    verification: () => verificationStep(ctx, live),
    backfill: () => backfillStep(ctx, live),
    housekeeping: () => housekeeping.step(),
  };

  async function step(lane: LaneName): Promise<number> {
    try {
      const rest = await work[lane]();
      failures[lane] = 0;
      return rest;
    } catch (error) {
      return restAfter(ctx, lane, error, ++failures[lane]);
    }
  }

  return { live, step };
}

/** The backfill lane's next piece of work: the fit when due, rollups (oldest first), then windows (newest first). */
async function backfillStep(ctx: SyncContext, live: LiveEdge): Promise<number> {
  const state = await ctx.store.state();
  if (!state || ctx.now() - state.fit_at_ms >= REFIT_EVERY_MS) {
    await fitStep(ctx, state);
    return 0;
  }
  const wait = await roomAfter(ctx, live, state);
  if (wait > 0) return wait;
  const rollup = await nextRollupWork(ctx, state);
  if (rollup) {
    await rollupStep(ctx, rollup);
    return 0;
  }
  const w = await ctx.store.nextPending();
  // Nothing to do until the next fit, the next day of rollups, or a gap the live edge hands over.
  if (!w) return IDLE_MS;
  if (w.state === 'unplanned') await planStep(ctx, w);
  else await copyStep(ctx, w);
  return 0;
}

/**
 * The verification lane's next window, at the pace the backfill keeps: the two share one
 * allowance (`roomAfter`), so a backlog of windows to verify (a restart after a long backfill)
 * goes out a call or two a minute beside the people's pages, not in a burst.
 */
async function verificationStep(ctx: SyncContext, live: LiveEdge): Promise<number> {
  const state = await ctx.store.state();
  if (state) {
    const wait = await roomAfter(ctx, live, state);
    if (wait > 0) return wait;
  }
  return verifyStep(ctx);
}

/**
 * How long the backfill (or the verification) must wait to leave the live edge what it needs at its current pace:
 * over the last hour, backfill and verification may spend the share less that need, and in
 * any clock minute a sixtieth of it. The limiter ranks the live edge first among calls waiting
 * at the same moment, but cannot give back an hour the backfill filled in a burst; spread
 * evenly, the backfill's calls leave the window as evenly, so someone who opens a page finds
 * room within a minute.
 */
async function roomAfter(ctx: SyncContext, live: LiveEdge, state: SyncState): Promise<number> {
  const now = ctx.now();
  const s = ctx.settings;
  const pace = live.active(now) ? s.liveActiveSeconds : s.liveIdleSeconds;
  const needs = state.mode === 'rollups' ? 0 : steadyCallsPerHour(state.rate_per_hour, pace, s.lookbackMinutes);
  const allowance = Math.max(1, sharePerHour(ctx.deps.budget) - needs);
  // Calls are counted per clock minute: the last hour is the 60 minutes before this one, and this one.
  const thisMinute = floorTo(now, MINUTE);
  const [hour, minute] = await Promise.all([
    ctx.store.callsSince(thisMinute - HOUR + MINUTE),
    ctx.store.callsSince(thisMinute),
  ]);
  const nextMinute = ceilTo(now + 1, MINUTE) - now;
  if (hour.backfill + hour.verification >= allowance) return Math.max(nextMinute, PACE_MS);
  if (minute.backfill + minute.verification >= Math.ceil(allowance / 60)) return nextMinute;
  return 0;
}

function restAfter(ctx: SyncContext, lane: LaneName, error: unknown, failures: number): number {
  const growing = Math.min(MAX_PAUSE_MS, 1_000 * 2 ** (failures - 1));
  const asked =
    error instanceof ApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
  if (error instanceof UpstreamError) {
    const log = { err: error, lane, failures };
    switch (error.failure) {
      case 'back_off':
        ctx.log.warn(log, 'archive sync: the upstream asked to slow down');
        return asked ?? BACK_OFF_MS;
      case 'suspended':
        ctx.log.error(log, 'archive sync: the application is suspended');
        return asked ?? SUSPENDED_MS;
      case 'refused':
      case 'rejected':
        ctx.log.error(log, 'archive sync: the upstream refused a call');
        return REFUSED_MS;
      default:
        ctx.log.warn(log, 'archive sync: upstream call failed');
        return growing;
    }
  }
  // The limiter said no: the budget or the archive's share is spent until then.
  if (error instanceof ApiError && error.code === 'rate_limited') return Math.max(asked ?? 1_000, 1);
  ctx.log.warn({ err: error, lane, failures }, 'archive sync: step failed');
  return growing;
}
