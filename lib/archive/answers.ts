/**
 * The archive as a source of answers for the reporting service and the MAU counter. A query is
 * answered locally when the archive holds every event of its time window: up to the window's
 * end, or up to the live edge. An edge no further behind than the cache's freshness answers as
 * it is; one further behind, but no more than the cache would serve stale, answers at once as
 * of the edge, marked stale, and asks the sync to catch up (as the cache serves stale while it
 * revalidates). Only an edge further behind than that makes a request wait for a catch-up (on
 * the archive's own budget; concurrent requests share one poll); a catch-up that failed is not
 * tried again for a while, so a stuck live edge costs one short wait, not one per request.
 * Answers are computed once per version of what the archive holds (`ArchiveCoverage.version`)
 * and shared: twenty people on one view cost one query until the archive changes.
 * What neither the upstream nor the archive holds is `knownFrom`.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import { parseIsoTime } from '../authy/attributes';
import type { Condition } from '../authy/bracket-codec';
import { timeWithin } from '../authy/conditions';
import { canonicalKey, type Endpoint, type UpstreamQuery } from '../authy/schemas';
import type { EventName } from '../authy/vocabulary';
import type { Clock } from '../reporting/clock';
import { timeConditions } from '../reporting/freshness';
import type { ResponseOf } from '../reporting/types';
import type { ArchiveQueries } from './query';
import { rollupAnswer, rollupHolds } from './query/rollups';
import { holdsWindow, type ArchiveCoverage, type ArchiveSync } from './sync';
import { ceilTo, floorTo, HOUR } from './sync/intervals';

export type ArchiveAnswers = {
  /**
   * Whether the archive answers `query` now; if so, the instant its answer is true as of (the
   * live edge for a window reaching past it, now otherwise), and whether that is further back
   * than the cache's freshness (`stale`: the sync has been asked to catch up).
   */
  holds(query: UpstreamQuery): Promise<{ asOf: number; stale: boolean } | null>;
  answer<E extends Endpoint>(query: Extract<UpstreamQuery, { endpoint: E }>): Promise<ResponseOf[E]>;
  /**
   * The parts of `window` (up to now) the archive answers `query` over: the spans its events
   * hold whole, then the whole hours its rollups answer it exactly for. A histogram takes these
   * bucket runs from the archive and asks the upstream for the rest only; a run inside one part
   * is held (`holds`), one across two parts is not.
   */
  heldParts(query: UpstreamQuery, window: Window): Promise<Window[]>;
  /** The instant before which nothing is known (neither kept upstream nor held), or null when the upstream keeps everything. */
  knownFrom(): Promise<number | null>;
  /** Distinct users in [from, to) when the archive holds that whole window; null otherwise. */
  distinctUsers(from: number, to: number, events?: readonly EventName[]): Promise<number | null>;
  /** Someone is looking: the live edge polls at its active cadence. */
  touch(): void;
};

export type ArchiveAnswersDeps = {
  sync: Pick<ArchiveSync, 'coverage' | 'catchUp' | 'askCatchUp' | 'touch' | 'rollups'>;
  queries: Pick<ArchiveQueries, 'events' | 'histogram' | 'terms' | 'distinctUsers'>;
  appId: string;
  /** How far back the upstream answers, or null when it keeps everything (the emulator can). */
  upstreamRetentionMs: number | null;
  /** How far behind its window's end an answer may be (the cache's freshness). */
  freshMs: number;
  /** How far behind an answer may be, marked stale, while the live edge catches up (the cache's stale limit). */
  maxStaleMs: number;
  /** How long a request waits for the live edge to catch up before the proxy answers instead. */
  catchUpWaitMs: number;
  clock: Clock;
};

export type Window = { from: number; to: number };
type Held = { asOf: number; stale: boolean };

/** Answers kept per version: the views open at once, several pages of each. */
const ANSWERS_KEPT = 500;

/** After a failed catch-up, requests go to the proxy for this long without waiting. */
const CATCH_UP_RETRY_MS = 15_000;

export function archiveAnswers(deps: ArchiveAnswersDeps): ArchiveAnswers {
  const { sync, queries, appId, clock } = deps;
  let failedAt = -Infinity;
  /** The instant the live edge was last asked to reach without waiting; asked again once it got there. */
  let asked = -Infinity;
  // Promises, so that concurrent requests for one answer share one query; a failure is not kept.
  const computed = new LRUCache<string, Promise<unknown>>({ max: ANSWERS_KEPT });

  function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = computed.get(key) as Promise<T> | undefined;
    if (known) return known;
    const value = compute();
    computed.set(key, value);
    value.catch(() => computed.get(key) === value && computed.delete(key));
    return value;
  }

  /** Where a window is held up to now, or null; `catchUp` lets it poll the live edge. */
  async function heldAsOf(w: Window, now: number, catchUp: boolean): Promise<Held | null> {
    const end = Math.min(w.to, now);
    let coverage = await sync.coverage();
    if (coverage.mode === 'off') return null;
    if (holdsWindow(coverage, w.from, end)) return { asOf: now, stale: false };
    if (!holdsToCursor(coverage, w.from)) return null;
    const cursor = coverage.cursor as number;
    if (end - cursor <= deps.freshMs) return { asOf: cursor, stale: false };
    if (!catchUp) return null;
    if (end - cursor <= deps.maxStaleMs) {
      if (asked <= cursor) {
        asked = end;
        sync.askCatchUp(end).catch(() => (asked = -Infinity));
      }
      return { asOf: cursor, stale: true };
    }
    if (now - failedAt < CATCH_UP_RETRY_MS) return null;
    if (!(await sync.catchUp(end, { maxWaitMs: deps.catchUpWaitMs }))) {
      failedAt = clock.now();
      return null;
    }
    coverage = await sync.coverage();
    return holdsWindow(coverage, w.from, end) ? { asOf: now, stale: false } : null;
  }

  /** Whether the rollups, not the events, answer `query`: its window is not held whole but the rollups answer it exactly. */
  async function fromRollups(query: UpstreamQuery, now: number): Promise<boolean> {
    const w = windowOf(query, now, deps.upstreamRetentionMs);
    if (!w || w.to > now) return false;
    const coverage = await sync.coverage();
    if (coverage.mode === 'off' || holdsWindow(coverage, w.from, w.to)) return false;
    return rollupHolds(sync.rollups, query, w);
  }

  return {
    async holds(query) {
      const now = clock.now();
      const w = windowOf(query, now, deps.upstreamRetentionMs);
      if (!w) return null;
      const held = await heldAsOf(w, now, true);
      if (held) return held;
      return (await fromRollups(query, now)) ? { asOf: now, stale: false } : null;
    },

    async answer<E extends Endpoint>(query: Extract<UpstreamQuery, { endpoint: E }>): Promise<ResponseOf[E]> {
      const now = clock.now();
      if (await fromRollups(query, now)) {
        return rollupAnswer(sync.rollups, query, windowOf(query, now, deps.upstreamRetentionMs) as Window);
      }
      const bounded: UpstreamQuery = withUpstreamBound(query, now, deps.upstreamRetentionMs);
      const { version } = await sync.coverage();
      return once(`${version} ${canonicalKey(bounded)}`, async () => {
        if (bounded.endpoint === 'events') return (await queries.events(appId, bounded.params)) as ResponseOf[E];
        if (bounded.endpoint === 'terms') return (await queries.terms(appId, bounded.params)) as ResponseOf[E];
        return (await queries.histogram(appId, bounded.params)) as ResponseOf[E];
      });
    },

    async heldParts(query, w) {
      const coverage = await sync.coverage();
      if (coverage.mode === 'off') return [];
      const end = Math.min(w.to, clock.now());
      const clip = (held: Window, unit = 1) => ({
        from: ceilTo(Math.max(held.from, w.from), unit),
        to: floorTo(Math.min(held.to, end), unit),
      });
      const events = coverage.events.map((held) => clip(held)).filter((part) => part.from < part.to);
      if (query.endpoint !== 'date_histogram') return events;
      const rolled = (await sync.rollups.spans('hourly'))
        .map((held) => clip(held, HOUR))
        .filter((part) => part.from < part.to);
      const answered = await Promise.all(
        rolled.map((part) => rollupHolds(sync.rollups, withWindow(query, part), part)),
      );
      return [...events, ...rolled.filter((_, i) => answered[i])];
    },

    async knownFrom() {
      if (deps.upstreamRetentionMs === null) return null;
      const edge = clock.now() - deps.upstreamRetentionMs;
      const coverage = await sync.coverage();
      if (coverage.mode === 'off') return edge;
      const holding = coverage.events.find((i) => i.from <= edge && edge <= i.to);
      return holding ? Math.min(holding.from, edge) : edge;
    },

    async distinctUsers(from, to, events) {
      const now = clock.now();
      const held = await heldAsOf({ from, to }, now, false);
      if (held?.asOf !== now) return null;
      const { version } = await sync.coverage();
      const until = Math.min(to, now);
      return once(`${version} users ${from} ${until} ${events?.join(',') ?? '*'}`, () =>
        queries.distinctUsers(appId, from, until, events),
      );
    },

    touch: () => sync.touch(),
  };
}

function holdsToCursor(coverage: ArchiveCoverage, from: number): boolean {
  return coverage.cursor !== null && from <= coverage.cursor && holdsWindow(coverage, from, coverage.cursor);
}

/**
 * The query's time window [from, to) from its `time` conditions (all of them hold at once);
 * without a lower bound, what the upstream keeps. Null when a time value does not parse: the
 * upstream answers that with its own error.
 */
export function windowOf(query: UpstreamQuery, now: number, retentionMs: number | null): Window | null {
  const lower: number[] = [];
  const upper: number[] = [];
  for (const c of timeConditions(query)) {
    const t = parseIsoTime(c.value);
    if (t === null) return null;
    if (c.operator === 'gte' || c.operator === 'eq') lower.push(t);
    if (c.operator === 'gt') lower.push(t + 1);
    if (c.operator === 'lt') upper.push(t);
    if (c.operator === 'lte' || c.operator === 'eq') upper.push(t + 1);
  }
  const from = lower.length > 0 ? Math.max(...lower) : retentionMs === null ? 0 : now - retentionMs;
  const to = upper.length > 0 ? Math.min(...upper) : now;
  return { from, to: Math.max(from, to) };
}

/** A query without a lower time bound means the upstream's retention window: the archive answers the same. */
function withUpstreamBound(query: UpstreamQuery, now: number, retentionMs: number | null): UpstreamQuery {
  if (retentionMs === null) return query;
  if (timeConditions(query).some((c) => ['gte', 'gt', 'eq'].includes(c.operator))) return query;
  const bound: Condition = { attribute: 'time', operator: 'gte', value: new Date(now - retentionMs).toISOString() };
  if (query.endpoint === 'events')
    return { ...query, params: { ...query.params, query: [...query.params.query, bound] } };
  if (query.endpoint === 'terms')
    return { ...query, params: { ...query.params, scope: [...query.params.scope, bound] } };
  return { ...query, params: { ...query.params, scope: [...query.params.scope, bound] } };
}

/** The histogram query over `w` instead of its own window. */
function withWindow(query: Extract<UpstreamQuery, { endpoint: 'date_histogram' }>, w: Window): UpstreamQuery {
  const scope = [...query.params.scope.filter((c) => c.attribute !== 'time'), ...timeWithin(w.from, w.to)];
  return { ...query, params: { ...query.params, scope } };
}
