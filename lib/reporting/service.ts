/**
 * The reporting service: every dashboard question becomes one canonical upstream query, which
 * is answered from the cache when it can be, shares a call already in flight when one is, is
 * merged with its neighbours when it is a histogram series, and otherwise waits its turn for
 * the rate budget. Built once per process by `lib/services.ts`; tests build it with fakes.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import type { Condition } from '../authy/bracket-codec';
import type { EventsResponse, HistogramResponse, TermsResponse } from '../authy/responses';
import {
  canonicalKey,
  type EventsQuery,
  type HistogramQuery,
  type TermsQuery,
  type UpstreamQuery,
} from '../authy/schemas';
import { resolveRange, type RangePreset } from '../ranges';
import type { CacheEntry, CacheStore } from './cache-store';
import { systemClock, type Clock } from './clock';
import { HistogramCoalescer } from './coalescer';
import { InFlight } from './dedup';
import { pageOfEvents } from './events-pager';
import { isImmutable, lifetimesFor } from './freshness';
import { HistogramWindowIndex, isAligned, seriesShape, sliceSeries, type SeriesShape } from './histogram-derivation';
import { MAX_SERIES_PAGES, SERIES_PER_PAGE, SeriesAccumulator, isFullPage } from './histogram-pager';
import type { Asker, Limiter, Ticket } from './limiter';
import type { RefreshLock } from './refresh-lock';
import type { ReportingLogger } from './logger';
import { DEFAULT_CACHE_POLICY, type CachePolicy } from './policies';
import type { Budget, CacheState, QueuedCall, ReportingResult, ResponseOf } from './types';
import type { UpstreamClient } from './upstream-client';
import { UpstreamError, mustBackOff } from './upstream-errors';

export type ServiceDeps = {
  upstream: UpstreamClient;
  limiter: Limiter;
  cache: CacheStore;
  /** A durable tier for immutable entries: read on a miss, written on a fetch. */
  persistent?: CacheStore;
  cachePolicy?: CachePolicy;
  /** Who may refresh a stale key, across replicas; by default the cache's own, if it has one. */
  refreshLock?: RefreshLock;
  clock?: Clock;
  log: ReportingLogger;
};

/** `priority` defaults to a person waiting (`interactive`); `user` is who asked, for fair shares. */
export type RequestOptions = Partial<Asker> & { range?: RangePreset };

/** A histogram as the dashboard asks for it: the whole series, so no paging. */
export type HistogramSeriesQuery = Omit<HistogramQuery, 'page' | 'per_page'>;

type Loaded = { entry: CacheEntry; state: CacheState };
type Window = { from: number; to: number };

const CACHE_RANK: Record<CacheState, number> = { hit: 0, stale: 1, miss: 2 };

export class ReportingService {
  private readonly policy: CachePolicy;
  private readonly clock: Clock;
  private readonly inflight: InFlight<CacheEntry>;
  private readonly coalescer: HistogramCoalescer;
  /** Keys whose background refresh just failed: serve stale without hammering the upstream. */
  private readonly cooling: LRUCache<string, true>;
  /** Keys whose refresh lock is being asked for, so one request per process asks. */
  private readonly claiming = new Set<string>();
  /** Complete histogram series in the cache, by window, for deriving narrower ones. */
  private readonly histograms = new HistogramWindowIndex();

  constructor(private readonly deps: ServiceDeps) {
    this.policy = deps.cachePolicy ?? DEFAULT_CACHE_POLICY;
    this.clock = deps.clock ?? systemClock;
    this.inflight = new InFlight(() => deps.limiter.kick());
    this.coalescer = new HistogramCoalescer(
      (params, ticket) => this.limited(ticket, () => deps.upstream.get({ endpoint: 'date_histogram', params })),
      this.policy.coalesceWindowMs,
    );
    this.cooling = new LRUCache({ max: 10_000, ttl: this.policy.refreshCooldownMs });
  }

  now(): number {
    return this.clock.now();
  }

  budget(): Promise<Budget> {
    return this.deps.limiter.budget();
  }

  /** The calls `user` has waiting for budget on this replica, with their place and expected start. */
  queueState(user: string): Promise<QueuedCall[]> {
    return this.deps.limiter.queueState(user);
  }

  async events(query: EventsQuery, options: RequestOptions = {}): Promise<ReportingResult<EventsResponse>> {
    const window = this.windowOf(options.range);
    const params = window ? { ...query, query: withWindow(query.query, window) } : query;
    const asker = askerOf(options);
    const { data, loads } = await pageOfEvents(
      params,
      (upstreamParams) => this.load({ endpoint: 'events', params: upstreamParams }, asker),
      (loaded) => loaded.entry.data as ResponseOf['events'],
    );
    return this.result(data, loads, window);
  }

  async terms(query: TermsQuery, options: RequestOptions = {}): Promise<ReportingResult<TermsResponse>> {
    const window = this.windowOf(options.range);
    const params = window ? { ...query, scope: withWindow(query.scope, window) } : query;
    const loaded = await this.load({ endpoint: 'terms', params }, askerOf(options));
    return this.result(loaded.entry.data as ResponseOf['terms'], [loaded], window);
  }

  /**
   * Every bucket of every series: sliced from a cached series over a wider window when one
   * holds it whole (no call), otherwise pages of 100 while a page comes back full.
   */
  async histogram(
    query: HistogramSeriesQuery,
    options: RequestOptions = {},
  ): Promise<ReportingResult<HistogramResponse>> {
    const window = this.windowOf(options.range);
    const series = { reports: query.reports, interval: query.interval, scope: query.scope };
    if (window) series.scope = withWindow(query.scope, window);
    const shape = seriesShape(series);
    const derived = shape && isAligned(shape.window, series.interval) ? await this.derive(shape) : undefined;
    if (derived) return this.result(derived.data, derived.loads, window);

    const pages = new SeriesAccumulator();
    const loads: Loaded[] = [];
    const pageKeys: string[] = [];
    let complete = false;
    for (let page = 1; page <= MAX_SERIES_PAGES; page++) {
      const upstreamQuery: UpstreamQuery = {
        endpoint: 'date_histogram',
        params: { ...series, page, per_page: SERIES_PER_PAGE },
      };
      const loaded = await this.load(upstreamQuery, askerOf(options));
      loads.push(loaded);
      pageKeys.push(canonicalKey(upstreamQuery));
      const data = loaded.entry.data as ResponseOf['date_histogram'];
      if (!pages.add(data) || !isFullPage(data)) {
        complete = true;
        break;
      }
    }
    if (shape && complete) this.histograms.record(shape.family, { window: shape.window, pageKeys });
    return this.result(pages.result(), loads, window);
  }

  /** The asked window sliced out of a cached complete series containing it, while every page of it is fresh. */
  private async derive(shape: SeriesShape): Promise<{ data: HistogramResponse; loads: Loaded[] } | undefined> {
    const now = this.clock.now();
    for (const cached of this.histograms.containing(shape.family, shape.window)) {
      const entries = await Promise.all(cached.pageKeys.map((key) => this.deps.cache.get(key)));
      const fresh = entries.filter((e): e is CacheEntry => e !== undefined && now < e.freshUntil);
      if (fresh.length !== cached.pageKeys.length) continue;
      const whole = new SeriesAccumulator();
      for (const entry of fresh) whole.add(entry.data as ResponseOf['date_histogram']);
      const loads = fresh.map((entry): Loaded => ({ entry, state: 'hit' }));
      return { data: sliceSeries(whole.result(), shape.window), loads };
    }
    return undefined;
  }

  /** One upstream query's answer: fresh from the cache, stale while refreshing, or fetched. */
  private async load(query: UpstreamQuery, asker: Asker): Promise<Loaded> {
    const key = canonicalKey(query);
    const now = this.clock.now();
    const entry = await this.read(key, query, now);
    if (entry && now < entry.freshUntil) return { entry, state: 'hit' };
    if (entry && now < entry.staleUntil) {
      this.refreshInBackground(key, query);
      return { entry, state: 'stale' };
    }
    const fresh = await this.inflight.run(key, asker, (ticket) => this.fetchAndStore(key, query, ticket));
    return { entry: fresh, state: 'miss' };
  }

  private async read(key: string, query: UpstreamQuery, now: number): Promise<CacheEntry | undefined> {
    const entry = await this.deps.cache.get(key);
    const { persistent } = this.deps;
    if (entry || !persistent || !isImmutable(query, now, this.policy)) return entry;
    const stored = await persistent.get(key).catch((err: unknown) => {
      this.deps.log.warn({ err }, 'persistent cache read failed; treating as a miss');
      return undefined;
    });
    if (stored) await this.deps.cache.set(key, stored, stored.staleUntil - now);
    return stored;
  }

  /** Exactly one background refresh per key (across replicas when they share a lock), and none for a while after one failed. */
  private refreshInBackground(key: string, query: UpstreamQuery): void {
    if (this.inflight.has(key) || this.cooling.has(key) || this.claiming.has(key)) return;
    const lock = this.deps.refreshLock ?? this.deps.cache.refreshLock;
    if (!lock) return this.refresh(key, query);
    this.claiming.add(key);
    lock
      .claim(key, this.policy.refreshLockMs)
      .then((won) => {
        if (won && !this.inflight.has(key)) this.refresh(key, query);
      })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'refresh lock failed; serving stale data'))
      .finally(() => this.claiming.delete(key));
  }

  private refresh(key: string, query: UpstreamQuery): void {
    this.inflight
      .run(key, { priority: 'background' }, (ticket) => this.fetchAndStore(key, query, ticket))
      .catch((err: unknown) => {
        this.cooling.set(key, true);
        this.deps.log.warn({ err, endpoint: query.endpoint }, 'background refresh failed; serving stale data');
      });
  }

  private async fetchAndStore(key: string, query: UpstreamQuery, ticket: Ticket): Promise<CacheEntry> {
    const data =
      query.endpoint === 'date_histogram'
        ? await this.coalescer.request(query.params, ticket)
        : await this.limited(ticket, () => this.deps.upstream.get(query));
    const fetchedAt = this.clock.now();
    const life = lifetimesFor(query, fetchedAt, this.policy);
    const entry: CacheEntry = { data, fetchedAt, freshUntil: life.freshUntil, staleUntil: life.staleUntil };
    await this.deps.cache.set(key, entry, life.staleUntil - fetchedAt);
    if (life.immutable && this.deps.persistent) {
      await this.deps.persistent.set(key, entry, life.staleUntil - fetchedAt).catch((err: unknown) => {
        this.deps.log.warn({ err }, 'persistent cache write failed');
      });
    }
    return entry;
  }

  /** One upstream call under the budget; an upstream "slow down" or "suspended" stops every replica. */
  private async limited<T>(ticket: Ticket, call: () => Promise<T>): Promise<T> {
    await this.deps.limiter.acquire(ticket);
    try {
      return await call();
    } catch (error) {
      if (!mustBackOff(error)) throw error;
      const seconds = error.retryAfterSeconds ?? this.deps.limiter.policy.backOffMs / 1000;
      await this.deps.limiter.backOff(seconds * 1000).catch((err: unknown) => {
        this.deps.log.error({ err }, 'could not record the upstream back-off');
      });
      // The 429 we answer says when to come back, even when the upstream did not.
      throw new UpstreamError(error.failure, error.message, { retryAfterSeconds: Math.ceil(seconds) });
    }
  }

  private windowOf(range: RangePreset | undefined): Window | undefined {
    return range ? resolveRange(range, this.clock.now()) : undefined;
  }

  private async result<T>(data: T, loads: Loaded[], window: Window | undefined): Promise<ReportingResult<T>> {
    const state = loads.reduce<CacheState>(
      (worst, l) => (CACHE_RANK[l.state] > CACHE_RANK[worst] ? l.state : worst),
      'hit',
    );
    const fetchedAt = Math.min(...loads.map((l) => l.entry.fetchedAt));
    const budget = await this.deps.limiter.budget();
    return {
      data,
      meta: {
        cache: state,
        fetchedAt: new Date(fetchedAt).toISOString(),
        ageSeconds: Math.max(0, Math.floor((this.clock.now() - fetchedAt) / 1000)),
        budget,
        ...(window && { window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() } }),
      },
    };
  }
}

function askerOf(options: RequestOptions): Asker {
  return { priority: options.priority ?? 'interactive', user: options.user };
}

/** The range's window as `time` conditions: [from, to). */
function withWindow(conditions: Condition[], window: Window): Condition[] {
  return [
    ...conditions,
    { attribute: 'time', operator: 'gte', value: new Date(window.from).toISOString() },
    { attribute: 'time', operator: 'lt', value: new Date(window.to).toISOString() },
  ];
}
