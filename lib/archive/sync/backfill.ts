/**
 * The backfill lane: the fit (what to keep), sizing windows from histogram counts, and copying
 * them page by page, newest first. Every step is one upstream call in class `backfill`, and
 * leaves its progress in the store, so a restart carries on where the last step ended.
 */
import 'server-only';
import { clipBuckets, finestInterval, MAX_EVENTS_PER_QUERY, planWindows } from './buckets';
import type { SyncContext } from './context';
import { EVENTS_PER_CALL, fit, type Fit } from './fit';
import { ceilTo, DAY, HOUR, MINUTE, subtract } from './intervals';
import { liveWindow } from './live-edge';
import { countHistogram, eventsPage } from './queries';
import type { SyncMode } from './schema';
import type { SyncState, SyncWindow } from './sync-store';

/** The fit is measured again once a day, on the last week. */
export const REFIT_EVERY_MS = DAY;
const RATE_SPAN_MS = 7 * DAY;

export function fitFor(ctx: SyncContext, eventsPerHour: number): Fit {
  const s = ctx.settings;
  return fit({
    eventsPerHour,
    budget: ctx.deps.budget,
    liveActiveSeconds: s.liveActiveSeconds,
    lookbackMinutes: s.lookbackMinutes,
    apiRetentionDays: s.apiRetentionDays,
  });
}

/** The oldest instant whose events the archive sets out to hold, at `now`. */
function floorFor(ctx: SyncContext, f: Fit, now: number): number {
  const days = f.mode === 'rollups' ? 0 : f.keepDays;
  const retention = ctx.settings.retentionDays;
  return Math.max(now - days * DAY, retention > 0 ? now - retention * DAY : -Infinity);
}

/** Events per hour over the last week of a histogram: whole buckets only, up to `now`. */
function measuredRate(buckets: readonly { from: number; to: number; count: number }[], now: number, ms: number) {
  const since = ceilTo(now - RATE_SPAN_MS, ms);
  const hours = (now - since) / HOUR;
  if (hours <= 0) return 0;
  return buckets.filter((b) => b.from >= since).reduce((n, b) => n + b.count, 0) / hours;
}

/** Measures the rate (the API's whole retention the first time, the last week after) and applies the fit. */
export async function fitStep(ctx: SyncContext, state: SyncState | undefined): Promise<void> {
  const now = ctx.now();
  const from = now - (state ? RATE_SPAN_MS : ctx.settings.apiRetentionDays * DAY);
  const interval = finestInterval(from, now);
  const answer = await ctx.call(countHistogram(from, now, interval.text), 'backfill');
  const buckets = clipBuckets(from, now, interval.ms, answer.reports.all ?? []);
  const rate = measuredRate(buckets, now, interval.ms);
  const f = fitFor(ctx, rate);
  const floor = floorFor(ctx, f, now);
  if (!state) {
    await ctx.store.createState({
      mode: f.mode,
      rate_per_hour: rate,
      fit_at_ms: now,
      floor_ms: floor,
      cursor_ms: null,
      segment_ms: null,
      events_held: 0,
      pruned_at_ms: null,
    });
  } else {
    await ctx.store.updateState({ mode: f.mode, rate_per_hour: rate, fit_at_ms: now, floor_ms: floor });
  }
  if (state && state.mode !== f.mode) {
    ctx.log.info({ from: state.mode, to: f.mode, eventsPerHour: Math.round(rate) }, 'archive sync: mode changed');
  }
  await reconcile(ctx, f.mode, floor, rate);
}

/**
 * Brings the windows in line with the mode and floor: the live edge runs unless in `rollups`;
 * every part of [floor, live segment) that no window holds becomes an unplanned window.
 */
async function reconcile(ctx: SyncContext, mode: SyncMode, floor: number, rate: number): Promise<void> {
  const now = ctx.now();
  const state = await ctx.store.state();
  if (!state) return;
  if (mode === 'rollups') {
    if (state.cursor_ms !== null && state.segment_ms !== null) {
      const closed = state.cursor_ms > state.segment_ms ? [liveWindow(state.segment_ms, state.cursor_ms)] : [];
      await ctx.store.advanceLive({ cursor: null, segment: null }, closed);
    }
    await ctx.store.deletePending(Infinity);
    return;
  }
  let segment = state.segment_ms;
  if (segment === null || state.cursor_ms === null) {
    segment = now;
    await ctx.store.updateState({ cursor_ms: now, segment_ms: now });
  }
  await ctx.store.deletePending(floor);
  // Imported spans (the demo's pre-fill) are held too: the backfill does not copy them again.
  const [windows, imports] = await Promise.all([ctx.store.windows(), ctx.store.imports()]);
  const held = [
    ...windows.map((w) => ({ from: w.start_ms, to: w.end_ms })),
    ...imports.map((i) => ({ from: i.from_ms, to: i.to_ms })),
  ];
  const missing = subtract({ from: floor, to: segment }, held);
  await ctx.store.insertWindows(
    missing.map((m) => ({
      ...m,
      kind: 'backfill' as const,
      state: 'unplanned' as const,
      expected: Math.round((rate * (m.to - m.from)) / HOUR),
    })),
  );
}

/** Counts an unplanned window at the finest interval one page allows and splits it into sized windows. */
export async function planStep(ctx: SyncContext, w: SyncWindow): Promise<void> {
  const interval = finestInterval(w.start_ms, w.end_ms);
  const answer = await ctx.call(countHistogram(w.start_ms, w.end_ms, interval.text), 'backfill');
  const buckets = clipBuckets(w.start_ms, w.end_ms, interval.ms, answer.reports.all ?? []);
  const { windows, oversized } = planWindows(w.start_ms, w.end_ms, buckets, ctx.settings.windowTarget);
  // A minute is as fine as the API counts: a minute over the target is copied as it is, and
  // split where page 100 ends if it holds more than one query reaches.
  const finest = interval.ms === MINUTE;
  await ctx.store.replaceWindow(w.start_ms, [
    ...windows.map((p) => ({ ...p, kind: w.kind, state: 'queued' as const })),
    ...oversized.map((p) => ({ ...p, kind: w.kind, state: finest ? ('queued' as const) : ('unplanned' as const) })),
  ]);
}

/** Copies the next page of a window (newest first); stops on a short page. */
export async function copyStep(ctx: SyncContext, w: SyncWindow): Promise<void> {
  const page = w.pages + 1;
  const answer = await ctx.call(eventsPage(w.start_ms, w.end_ms, page), 'backfill');
  await ctx.keep(answer.events);
  if (answer.events.length < EVENTS_PER_CALL) {
    // What the API no longer held when its oldest page was read is not held here either.
    const upstreamFrom = ctx.now() - ctx.settings.apiRetentionDays * DAY;
    await ctx.store.recordPage(w, page, { heldFrom: Math.max(w.start_ms, upstreamFrom) });
    return;
  }
  if (page * EVENTS_PER_CALL < MAX_EVENTS_PER_QUERY) {
    await ctx.store.recordPage(w, page, null);
    return;
  }
  await splitAtLastPage(ctx, w, Date.parse(answer.events[answer.events.length - 1].time));
}

/**
 * Page 100 was full: the window holds more than one query reaches (late arrivals, or a minute
 * denser than the target). Everything after the oldest event read is held; the rest becomes
 * a window of its own, ending just after that event so the events of its millisecond are read again.
 */
async function splitAtLastPage(ctx: SyncContext, w: SyncWindow, oldest: number): Promise<void> {
  const at = oldest + 1;
  if (at >= w.end_ms || at <= w.start_ms) {
    ctx.log.error({ start: w.start_ms, end: w.end_ms }, 'archive sync: over 10,000 events in one millisecond');
    await ctx.store.updateWindow(w.start_ms, { state: 'disputed' });
    return;
  }
  const upstreamFrom = ctx.now() - ctx.settings.apiRetentionDays * DAY;
  await ctx.store.replaceWindow(w.start_ms, [
    {
      from: w.start_ms,
      to: at,
      kind: w.kind,
      state: 'queued',
      expected: Math.max(0, w.expected - MAX_EVENTS_PER_QUERY),
    },
    {
      from: at,
      to: w.end_ms,
      kind: w.kind,
      state: 'copied',
      expected: MAX_EVENTS_PER_QUERY,
      heldFrom: Math.max(at, upstreamFrom),
    },
  ]);
}
