/**
 * Monthly active users for a list of months, within a per-request budget of upstream calls.
 * Each month's partition state lives in the key-value store: a month that is over is kept for
 * good (a second request spends nothing, a partial one continues where it stopped); a live
 * month is kept for the hour its window is snapped to. Every upstream question goes through
 * the reporting service's `terms` (cache, de-duplication, limiter). A month the archive holds
 * whole is counted from it instead: exactly, at no call.
 */
import 'server-only';
import { ApiError } from '../../api/errors';
import type { Condition } from '../../authy/bracket-codec';
import { eventIs, timeWithin } from '../../authy/conditions';
import type { TermsResponse } from '../../authy/responses';
import type { TermsQuery } from '../../authy/schemas';
import { AUTHENTICATION_EVENTS, type EventName } from '../../authy/vocabulary';
import type { KeyValueStore } from '../../db/kv';
import type { ArchiveAnswers } from '../../archive/answers';
import type { Asker } from '../limiter';
import type { ReportingResult } from '../types';
import { advanceMonth, CallBudget, type FetchTerms } from './advance-month';
import type { KeyRange } from './key-space';
import { initialState, isExact, monthStateSchema, type MonthState } from './month-state';
import { addMonths, monthWindow, type MonthWindow } from '../../mau/months';
import { TERMS_SIZE } from './planner';
import { summarize } from './summary';
import type { MauEvents, MauMonth, MauResponse } from '../../mau/types';

export type TermsSource = (query: TermsQuery, options: Asker) => Promise<ReportingResult<TermsResponse>>;

export type MauServiceDeps = {
  terms: TermsSource;
  store: KeyValueStore;
  now: () => number;
  /** Upstream calls one request may spend, over all its months. */
  callBudget: number;
  events: MauEvents;
  /** A month is over once its end is this far back (the reporting cache's settle margin). */
  settleMarginMs: number;
  /** The archive: months it holds whole are counted from it. */
  archive?: Pick<ArchiveAnswers, 'distinctUsers'>;
  /**
   * The instant before which the upstream keeps no event (`ReportingService.upstreamKnownFrom`):
   * a month counted upstream counts nothing before it, whatever the archive holds, since
   * distinct users of two parts cannot be added.
   */
  upstreamKnownFrom?: () => number | null;
};

/** The events MAU_EVENTS counts, for the archive: every event with a user, or authentications. */
const ARCHIVE_EVENTS: Record<MauEvents, readonly EventName[] | undefined> = {
  all: undefined,
  authentications: AUTHENTICATION_EVENTS,
};

export const USER_FIELD = 'objects.user.s_authy_id';

/**
 * One stream per query a part needs. A scope cannot OR two event names, and no string range
 * of `event` holds exactly the two authentication events (token_invalid, phone_change_* and
 * suspended_account sort between them), so "authentications" asks once per event and a
 * part's users are the union of the keys.
 */
export const STREAMS: Record<MauEvents, Condition[][]> = {
  all: [[]],
  authentications: AUTHENTICATION_EVENTS.map((name) => [eventIs(name)]),
};

const LIVE_STATE_TTL_MS = 2 * 3_600_000;

type Outcome = { month: MauMonth; stoppedBy: MauResponse['stoppedBy'] };

export class MauService {
  /** Per state key, the work in progress in this process: one request at a time advances a month. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: MauServiceDeps) {}

  /**
   * Counting goes through the limiter as `mau` (below people and the archive's sync) unless the
   * caller says otherwise, charged to `user`. `maxCalls` lowers the budget for this request (say,
   * to leave the hour's last calls to people).
   */
  async count(months: readonly string[], options: Partial<Asker> & { maxCalls?: number } = {}): Promise<MauResponse> {
    const asker: Asker = { priority: options.priority ?? 'mau', user: options.user };
    const calls = Math.max(0, Math.min(this.deps.callBudget, options.maxCalls ?? Infinity));
    const budget = new CallBudget(calls);
    const now = this.deps.now();
    const results = new Map<string, MauMonth>();
    let stoppedBy: MauResponse['stoppedBy'] = null;
    // Months that are over first, newest first ("how many last month?"), counted once for good;
    // the live month last, as its count is redone every hour.
    const windows = [...months]
      .sort()
      .reverse()
      .map((m) => monthWindow(m, now, this.deps.settleMarginMs));
    const knownFrom = this.deps.upstreamKnownFrom?.() ?? null;
    for (const window of [...windows.filter((w) => w.over), ...windows.filter((w) => !w.over)]) {
      const month = window.month;
      const spend: CallBudget = stoppedBy === null ? budget : new CallBudget(0);
      const local = await this.fromArchive(window);
      const outcome = local
        ? { month: local, stoppedBy: null }
        : await this.exclusive(this.stateKey(window), () => this.advance(window, spend, asker));
      results.set(month, local ? local : withKnownFrom(outcome.month, window, knownFrom));
      stoppedBy ??= outcome.stoppedBy;
    }
    return {
      months: months.map((m) => results.get(m) as MauMonth),
      events: this.deps.events,
      budget: { calls, spent: calls - budget.remaining },
      stoppedBy,
    };
  }

  /**
   * The most upstream calls `count` would spend now with the same options: its whole budget
   * while any month is not exact yet (it stops early only when all of them become exact), none
   * when every month is exact already.
   */
  async plan(months: readonly string[], options: { maxCalls?: number } = {}): Promise<number> {
    const calls = Math.max(0, Math.min(this.deps.callBudget, options.maxCalls ?? Infinity));
    if (calls === 0) return 0;
    const now = this.deps.now();
    const streams = STREAMS[this.deps.events].length;
    for (const month of months) {
      const window = monthWindow(month, now, this.deps.settleMarginMs);
      if (window.to <= window.from) continue;
      if (await this.fromArchive(window)) continue;
      const stored = await this.deps.store.get(this.stateKey(window), monthStateSchema);
      if (!stored || stored.counts.length !== streams || !isExact(stored)) return calls;
    }
    return 0;
  }

  /** The month counted from the archive, when it holds the whole counted window. */
  private async fromArchive(window: MonthWindow): Promise<MauMonth | null> {
    if (!this.deps.archive || window.to <= window.from) return null;
    const users = await this.deps.archive.distinctUsers(window.from, window.to, ARCHIVE_EVENTS[this.deps.events]);
    if (users === null) return null;
    return {
      month: window.month,
      activeUsers: users,
      exact: true,
      lowerBound: users,
      estimate: null,
      estimateLow: null,
      estimateHigh: null,
      basis: 'exact',
      upstreamCalls: 0,
      callsThisRequest: 0,
      callsToFinish: 0,
      inProgress: !window.over,
      asOf: new Date(window.to).toISOString(),
      pending: false,
      source: 'archive',
      knownFrom: null,
    };
  }

  private async advance(window: MonthWindow, budget: CallBudget, asker: Asker): Promise<Outcome> {
    const streams = STREAMS[this.deps.events];
    if (window.to <= window.from) {
      // A live month whose counted window has not started yet: nobody was active in it.
      return {
        month: describe(window, { ...initialState(streams.length), pieces: [] }, 0, false, streams.length),
        stoppedBy: null,
      };
    }
    const key = this.stateKey(window);
    const ttl = window.over ? undefined : LIVE_STATE_TTL_MS;
    const stored = await this.deps.store.get(key, monthStateSchema);
    const initial =
      stored && stored.counts.length === streams.length
        ? stored
        : initialState(streams.length, await this.neighbour(window));
    const fetchTerms = this.fetcher(window, streams, asker);
    const result = await advanceMonth(initial, fetchTerms, budget, (state) => this.deps.store.set(key, state, ttl));
    let stoppedBy: MauResponse['stoppedBy'] = null;
    if (result.stoppedBy === 'error') {
      if (!(result.error instanceof ApiError)) throw result.error;
      stoppedBy = result.error.code === 'rate_limited' ? 'rate_limited' : 'upstream_error';
    }
    return {
      month: describe(window, result.state, result.spent, result.stoppedBy !== 'exact', streams.length),
      stoppedBy,
    };
  }

  private fetcher(window: MonthWindow, streams: Condition[][], asker: Asker): FetchTerms {
    const time = timeWithin(window.from, window.to);
    return async (range: KeyRange, stream: number) => {
      const scope = [...time, ...streams[stream], ...keyConditions(range)];
      const result = await this.deps.terms({ field: USER_FIELD, size: TERMS_SIZE, scope }, asker);
      // A stale answer is served while a refresh goes upstream: count it as spent.
      return { terms: result.data.terms, upstream: result.meta.cache !== 'hit' };
    };
  }

  /** A finished neighbouring month (the next one first: months are counted newest first). */
  private async neighbour(window: MonthWindow): Promise<MonthState | undefined> {
    if (STREAMS[this.deps.events].length !== 1) return undefined;
    for (const month of [addMonths(window.month, 1), addMonths(window.month, -1)]) {
      const state = await this.deps.store.get(`mau:v1:${this.deps.events}:${month}`, monthStateSchema);
      if (state && isExact(state)) return state;
    }
    return undefined;
  }

  private stateKey(window: MonthWindow): string {
    const base = `mau:v1:${this.deps.events}:${window.month}`;
    return window.over ? base : `${base}@${new Date(window.to).toISOString()}`;
  }

  private async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.running.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.running.set(key, next);
    try {
      return await next;
    } finally {
      if (this.running.get(key) === next) this.running.delete(key);
    }
  }
}

function keyConditions(range: KeyRange): Condition[] {
  const conditions: Condition[] = [];
  if (range.lo !== null) conditions.push({ attribute: USER_FIELD, operator: 'gte', value: range.lo });
  if (range.hi !== null) conditions.push({ attribute: USER_FIELD, operator: 'lt', value: range.hi });
  return conditions;
}

/**
 * Calls an exact count takes, per stream, against the ⌈users / 100⌉ that no partition can beat:
 * bench/mau.ts measures 1.25 to 1.42 on the emulator's months.
 */
const CALLS_PER_HUNDRED_USERS = 1.4;

/** About how many more calls make the month exact, from its estimate; null without one. */
function callsToFinish(count: ReturnType<typeof summarize>, calls: number, streams: number): number | null {
  if (count.exact) return 0;
  if (count.estimate === null) return null;
  const total = Math.ceil((count.estimate / TERMS_SIZE) * CALLS_PER_HUNDRED_USERS) * streams;
  return Math.max(streams, total - calls);
}

function describe(window: MonthWindow, state: MonthState, spent: number, pending: boolean, streams: number): MauMonth {
  const count = summarize(state);
  const basis = count.exact ? 'exact' : count.estimate !== null ? 'estimate' : 'lowerBound';
  return {
    month: window.month,
    activeUsers: count.exact ? count.lowerBound : (count.estimate ?? count.lowerBound),
    exact: count.exact,
    lowerBound: count.lowerBound,
    estimate: count.estimate,
    estimateLow: count.estimateLow,
    estimateHigh: count.estimateHigh,
    basis,
    upstreamCalls: state.calls,
    callsThisRequest: spent,
    callsToFinish: callsToFinish(count, state.calls, streams),
    inProgress: !window.over,
    asOf: new Date(window.to).toISOString(),
    pending: pending && !count.exact,
    source: 'upstream',
    knownFrom: null,
  };
}

/** A month that starts before anything known: its count covers only the part known. */
function withKnownFrom(month: MauMonth, window: MonthWindow, knownFrom: number | null): MauMonth {
  if (knownFrom === null || window.from >= knownFrom) return month;
  return { ...month, knownFrom: new Date(knownFrom).toISOString() };
}
