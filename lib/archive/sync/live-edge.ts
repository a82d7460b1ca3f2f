/**
 * The live lane: polls the events after the cursor (every minute while someone has a page
 * open, every five otherwise), re-reads or re-counts the look-back for late arrivals, and
 * closes each finished hour into a `live` window for verification. Too far behind for one
 * read (a restart after hours, a burst), it hands the gap to the backfill as a window.
 */
import 'server-only';
import { clipBuckets, finestInterval, MAX_EVENTS_PER_QUERY } from './buckets';
import type { SyncContext } from './context';
import { EVENTS_PER_CALL } from './fit';
import { floorTo, HOUR, MINUTE } from './intervals';
import { countHistogram, eventsPage } from './queries';
import type { NewWindow, SyncState } from './sync-store';

/** A poll reads at most about this many events; more than that is a gap for the backfill. */
const LIVE_MAX_EVENTS = 5_000;
const LIVE_MAX_GAP_MS = 6 * HOUR;

export class LiveEdge {
  /** When someone last loaded a page (here or, through the store, on another replica). */
  touched = 0;
  /** The instant a waiting request wants the cursor to reach. */
  wanted = 0;
  private lastPoll = -Infinity;
  private lastLookback = -Infinity;

  constructor(
    private readonly ctx: SyncContext,
    /** Tells the backfill a gap is waiting for it. */
    private readonly onGap: () => void = () => {},
  ) {}

  /** Someone has had a page open within the idle interval. */
  active(now: number): boolean {
    return now - this.touched < this.ctx.settings.liveIdleSeconds * 1000;
  }

  /** Polls when due; answers how long to wait before asking again. */
  async step(): Promise<number> {
    const now = this.ctx.now();
    const state = await this.ctx.store.state();
    // Nothing to follow before the first fit, nor in `rollups` (the daily fit may change that).
    if (!state) return 5_000;
    if (state.mode === 'rollups' || state.cursor_ms === null || state.segment_ms === null) return 60_000;
    const s = this.ctx.settings;
    const every = (this.active(now) ? s.liveActiveSeconds : s.liveIdleSeconds) * 1000;
    const due = now - this.lastPoll >= every || this.wanted > state.cursor_ms;
    // Not due yet: a touch or a request waiting wakes the lane before then.
    if (!due) return this.lastPoll + every - now;
    await this.poll(state, now);
    this.lastPoll = now;
    return every;
  }

  private async poll(state: SyncState, now: number): Promise<void> {
    const cursor = state.cursor_ms as number;
    const segment = state.segment_ms as number;
    // The last hour held says more about a gap than the week the fit measured.
    const lastHour = await this.ctx.events.countBetween(this.ctx.appId, cursor - HOUR, cursor);
    const expected = (Math.max(state.rate_per_hour, lastHour) * (now - cursor)) / HOUR;
    if (now - cursor > LIVE_MAX_GAP_MS || expected > LIVE_MAX_EVENTS) {
      await this.handOver(cursor, segment, now, now, expected);
      return;
    }
    const lookback = this.ctx.settings.lookbackMinutes * MINUTE;
    const inLookback = await this.ctx.events.countBetween(this.ctx.appId, cursor - lookback, cursor);
    // A light look-back rides along with the new events: at most one page more than reading them alone.
    const inline = inLookback < EVENTS_PER_CALL;
    const read = await this.readAll(inline ? cursor - lookback : cursor, now);
    if (read.overflowAt !== null) {
      await this.handOver(cursor, segment, read.overflowAt, now, expected);
      return;
    }
    if (!inline && now - this.lastLookback >= lookback / 2) {
      await this.recount(cursor - lookback, cursor);
      this.lastLookback = now;
    }
    const hour = floorTo(now, HOUR);
    if (hour <= segment) await this.ctx.store.advanceLive({ cursor: now, segment }, []);
    else await this.ctx.store.advanceLive({ cursor: now, segment: hour }, [liveWindow(segment, hour)]);
  }

  /**
   * Reads [from, to) newest first until a short page. When page 100 is full, what is older
   * than its oldest event is left unread: `overflowAt` says where the read part starts.
   */
  private async readAll(from: number, to: number): Promise<{ overflowAt: number | null }> {
    for (let page = 1; ; page++) {
      const answer = await this.ctx.call(eventsPage(from, to, page), 'live');
      await this.ctx.keep(answer.events);
      if (answer.events.length < EVENTS_PER_CALL) return { overflowAt: null };
      if (page * EVENTS_PER_CALL >= MAX_EVENTS_PER_QUERY) {
        return { overflowAt: Date.parse(answer.events[answer.events.length - 1].time) + 1 };
      }
    }
  }

  /** Closes the segment up to the cursor, gives [cursor, until) to the backfill, and starts afresh at `until`. */
  private async handOver(cursor: number, segment: number, until: number, now: number, expected: number) {
    const behindSeconds = Math.round((now - cursor) / 1000);
    this.ctx.log.info({ behindSeconds }, 'archive sync: live edge gap handed to the backfill');
    const gap = { from: cursor, to: until, kind: 'backfill' as const, state: 'unplanned' as const };
    await this.ctx.store.advanceLive({ cursor: now, segment: until }, [
      ...(cursor > segment ? [liveWindow(segment, cursor)] : []),
      ...(until > cursor ? [{ ...gap, expected: Math.round(expected) }] : []),
    ]);
    this.onGap();
  }

  /** Compares the look-back's counts per minute with the archive's and re-reads the minutes short of events. */
  private async recount(from: number, to: number): Promise<void> {
    const interval = finestInterval(from, to);
    const answer = await this.ctx.call(countHistogram(from, to, interval.text), 'live');
    const local = await this.ctx.events.countByBucket(this.ctx.appId, from, to, interval.ms);
    for (const b of clipBuckets(from, to, interval.ms, answer.reports.all ?? [])) {
      if (b.count > (local.get(floorTo(b.from, interval.ms)) ?? 0)) await this.readAll(b.from, b.to);
    }
  }
}

/** A closed live segment: every event of it was read, as of its last poll. */
export function liveWindow(from: number, to: number): NewWindow {
  return { from, to, kind: 'live', state: 'copied', expected: 0, heldFrom: from };
}
