/**
 * The verification lane: once a copied window has settled, one histogram call compares the
 * upstream's counts per bucket with the archive's. A window that matches is verified and never
 * fetched again; a bucket that differs is read again whole and replaces the archive's copy of
 * that bucket in one transaction (see the README for why replace rather than top up).
 */
import 'server-only';
import type { AuthyEvent } from '../../authy/responses';
import { clipBuckets, finestInterval, MAX_EVENTS_PER_QUERY } from './buckets';
import type { SyncContext } from './context';
import { EVENTS_PER_CALL } from './fit';
import { DAY, floorTo, HOUR, MINUTE } from './intervals';
import { countHistogram, eventsPage } from './queries';
import { replaceRange } from './replace-range';
import { serialized } from './write-lock';
import type { SyncWindow } from './sync-store';

/** After this many repairs that did not make the counts match, a window is left disputed. */
const MAX_REPAIRS = 3;
/** Verification keeps this far from the API's retention edge, which moves while it works. */
const RETENTION_EDGE_MARGIN_MS = HOUR;

/** Verifies the newest settled window; answers how long to rest. */
export async function verifyStep(ctx: SyncContext): Promise<number> {
  const now = ctx.now();
  const settledBefore = now - ctx.settings.settleMarginMinutes * MINUTE;
  const upstreamFrom = now - ctx.settings.apiRetentionDays * DAY + RETENTION_EDGE_MARGIN_MS;
  const w = await ctx.store.nextToVerify(settledBefore, upstreamFrom);
  if (!w) return 60_000;
  await verify(ctx, w, Math.max(w.held_from_ms ?? w.start_ms, upstreamFrom));
  return 0;
}

async function verify(ctx: SyncContext, w: SyncWindow, from: number): Promise<void> {
  const to = w.end_ms;
  const interval = finestInterval(from, to);
  const answer = await ctx.call(countHistogram(from, to, interval.text), 'verification');
  const upstream = clipBuckets(from, to, interval.ms, answer.reports.all ?? []);
  const local = await ctx.events.countByBucket(ctx.appId, from, to, interval.ms);
  const remote = new Map(upstream.map((b) => [floorTo(b.from, interval.ms), b.count]));
  // A bucket the upstream left out holds nothing there.
  const differing = [...new Set([...remote.keys(), ...local.keys()])]
    .filter((start) => (remote.get(start) ?? 0) !== (local.get(start) ?? 0))
    .sort((a, b) => b - a)
    .map((start) => ({ from: Math.max(start, from), to: Math.min(start + interval.ms, to) }));
  if (differing.length === 0) {
    await ctx.store.markVerified(w, ctx.now());
    return;
  }
  const attempts = w.attempts + 1;
  ctx.log.info({ start: w.start_ms, end: w.end_ms, buckets: differing.length, attempts }, 'archive sync: repairing');
  for (const range of differing) {
    const events = await readWhole(ctx, range.from, range.to);
    if (!events) {
      ctx.log.error({ from: range.from, to: range.to }, 'archive sync: a bucket holds more than one query reaches');
      await ctx.store.updateWindow(w.start_ms, { state: 'disputed', attempts });
      return;
    }
    const db = await ctx.deps.db();
    const { deleted, inserted } = await serialized(db, () => replaceRange(db, ctx.appId, range.from, range.to, events));
    ctx.wroteEvents();
    await ctx.store.countEvents(inserted - deleted);
  }
  if (attempts >= MAX_REPAIRS) {
    ctx.log.warn(
      { start: w.start_ms, end: w.end_ms },
      'archive sync: window still differs after repairs; left disputed',
    );
    await ctx.store.updateWindow(w.start_ms, { state: 'disputed', attempts });
  } else {
    await ctx.store.updateWindow(w.start_ms, { attempts });
  }
}

/** Every event in [from, to), or null when there are more than one query reaches. */
async function readWhole(ctx: SyncContext, from: number, to: number): Promise<AuthyEvent[] | null> {
  const events: AuthyEvent[] = [];
  for (let page = 1; ; page++) {
    const answer = await ctx.call(eventsPage(from, to, page), 'verification');
    events.push(...answer.events);
    if (answer.events.length < EVENTS_PER_CALL) return events;
    if (page * EVENTS_PER_CALL >= MAX_EVENTS_PER_QUERY) return null;
  }
}
