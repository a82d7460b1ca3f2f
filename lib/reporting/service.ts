/**
 * The reporting service: every dashboard question becomes the canonical upstream queries it
 * needs, and each query's answer comes from one place, decided once (`decide`): the archive
 * (its local copy holds the query's whole window: no call), the cache, a call already in
 * flight, or a new call under the rate budget. A request is planned before it runs from those decisions, refused up
 * front when its plan is over the per-request cap, then run on exactly those decisions, so what
 * the plan says is what it spends. Histograms reuse every closed bucket already paid for
 * (histogram-store.ts, histogram-plan.ts); events pages and terms of every size share upstream
 * calls of 100 (events-pager.ts, terms-sharing.ts), and are read from answers held for other
 * windows or scopes where that is exact (events-windows.ts); terms and events of a moved relative window answer
 * with the previous slot's answer while one refresh runs (last-answers.ts). Built once per
 * process by `lib/services.ts`; tests build it with fakes.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import { ApiError } from '../api/errors';
import { parseIsoTime } from '../authy/attributes';
import type { Condition } from '../authy/bracket-codec';
import { timeWithin } from '../authy/conditions';
import { bucketStart, bucketStartsBetween, nextBucketStart, parseInterval, type Interval } from '../authy/interval';
import type { Bucket, EventsResponse, HistogramResponse, TermsResponse } from '../authy/responses';
import {
  canonicalKey,
  type EventsQuery,
  type HistogramQuery,
  type TermsQuery,
  type UpstreamQuery,
} from '../authy/schemas';
import { LIMITS } from '../authy/vocabulary';
import { previousWindow, resolveRange, type RangePreset } from '../ranges';
import type { CacheEntry, CacheStore } from './cache-store';
import { systemClock, type Clock } from './clock';
import { HistogramCoalescer } from './coalescer';
import { InFlight } from './dedup';
import { pageOfEvents, planEventsPage, UPSTREAM_PER_PAGE } from './events-pager';
import { readEventsPage, sourceWindows } from './events-windows';
import { readTermsValue, sharedTermsQuery, termsReadableFrom, topTerms } from './terms-sharing';
import { isImmutable, lifetimesFor, timeConditions } from './freshness';
import {
  TooManyBuckets,
  layoutHistogram,
  pagesFor,
  splitAtHeld,
  type HistogramLayout,
  type NamedInterval,
  type Run,
} from './histogram-plan';
import { MAX_SERIES_PAGES, SERIES_PER_PAGE, SeriesAccumulator, isFullPage, pageOfSeries } from './histogram-pager';
import { HistogramBucketStore, seriesSignature, scopeKeyOf, type Span } from './histogram-store';
import { LastAnswers, sameWindow, type LastAnswer } from './last-answers';
import type { ArchiveAnswers } from '../archive/answers';
import type { Asker, Limiter, Ticket } from './limiter';
import { callsOf, checkCost, type Decision } from './plan';
import type { RefreshLock } from './refresh-lock';
import type { ReportingLogger } from './logger';
import { DEFAULT_CACHE_POLICY, type CachePolicy } from './policies';
import type { AnswerSource, Budget, CacheState, QueuedCall, ReportingResult, ResponseOf } from './types';
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
  /** Upstream calls one request may plan without its person's say-so (REQUEST_CALL_CAP). */
  callCap?: number;
  /** The archive's local copy: queries whose whole window it holds are answered from it. */
  archive?: ArchiveAnswers;
  /** How far back the upstream answers (the real API: 90 days); null when it keeps everything. */
  upstreamRetentionMs?: number | null;
};

/** `priority` defaults to a person waiting (`interactive`); `user` is who asked, for fair shares. */
export type RequestOptions = Partial<Asker> & {
  range?: RangePreset;
  /** Histograms: answer the same span of time just before the window too (the overview's comparison). */
  compare?: 'previous';
  /** Upstream calls the person accepted for this request (`X-Accept-Cost`). */
  acceptedCost?: number;
};

/** A histogram as the dashboard asks for it: the whole series, so no paging. */
export type HistogramSeriesQuery = Omit<HistogramQuery, 'page' | 'per_page'>;

/** One page of the whole series, as the docs' examples ask for it. */
export type SeriesPaging = { page: number; per_page: number };

/** A histogram as a route takes it: the whole series, or one page of it. */
export type HistogramRequestQuery = HistogramSeriesQuery & { paging?: SeriesPaging };

/** One request as a route takes it: what `cost` plans and the endpoint methods answer. */
export type ReportingRequest =
  | { endpoint: 'events'; query: EventsQuery; options?: RequestOptions }
  | { endpoint: 'terms'; query: TermsQuery; options?: RequestOptions }
  | { endpoint: 'date_histogram'; query: HistogramRequestQuery; options?: RequestOptions };

const DEFAULT_CALL_CAP = 10;

/** One query's reach upstream (100 pages of 100): the most buckets a histogram request may hold. */
const MAX_HISTOGRAM_BUCKETS = LIMITS.page.max * LIMITS.perPage.max;

/** What the real API keeps: its last 90 days. */
const DEFAULT_UPSTREAM_RETENTION_MS = 90 * 86_400_000;

type Loaded = { entry: CacheEntry; state: CacheState; from: 'archive' | 'upstream' };
type Window = { from: number; to: number };
type Decided = { query: UpstreamQuery; key: string; decision: Decision };
type Ran<T> = { data: T; loads: Loaded[] };

/** A request's plan: the upstream calls it will make (their cache keys), and how to run exactly those decisions. */
type Planned<T> = { calls: string[]; run(asker: Asker): Promise<Ran<T>> };

/** A request made ready: its windows, and how to plan it. */
type Prepared<T> = {
  /** The question as asked, a range unresolved, where its last answer is kept; only for ranges. */
  askedKey?: string;
  window?: Window;
  previous?: Window;
  /** Terms and events of a moved window answer with the previous slot's answer while one refresh runs. */
  servesPreviousSlot: boolean;
  plan(): Promise<Planned<T>>;
};

/** How a prepared request will be answered, and what that costs. */
type Choice<T> =
  | { kind: 'run'; planned: Planned<T>; last?: LastAnswer<T>; calls: string[] }
  | { kind: 'previous'; planned: Planned<T>; last: LastAnswer<T>; calls: string[] };

const CACHE_RANK: Record<CacheState, number> = { hit: 0, stale: 1, miss: 2 };

/** Failures after which the last answer to the same question is better than an error. */
const SERVE_LAST_ON = new Set(['rate_limited', 'upstream_error', 'upstream_timeout', 'unavailable']);

export class ReportingService {
  private readonly policy: CachePolicy;
  private readonly clock: Clock;
  private readonly callCap: number;
  private readonly upstreamRetentionMs: number | null;
  private readonly inflight: InFlight<CacheEntry>;
  private readonly coalescer: HistogramCoalescer;
  /** Keys whose background refresh just failed: serve stale without hammering the upstream. */
  private readonly cooling: LRUCache<string, true>;
  /** Keys whose refresh lock is being asked for, so one request per process asks. */
  private readonly claiming = new Set<string>();
  private readonly buckets = new HistogramBucketStore();
  private readonly lastAnswers: LastAnswers;
  /** Questions whose moved window is being refreshed behind the previous slot's answer. */
  private readonly refreshingAsked = new Set<string>();

  constructor(private readonly deps: ServiceDeps) {
    this.policy = deps.cachePolicy ?? DEFAULT_CACHE_POLICY;
    this.clock = deps.clock ?? systemClock;
    this.callCap = deps.callCap ?? DEFAULT_CALL_CAP;
    this.upstreamRetentionMs =
      deps.upstreamRetentionMs === undefined ? DEFAULT_UPSTREAM_RETENTION_MS : deps.upstreamRetentionMs;
    this.inflight = new InFlight(() => deps.limiter.kick());
    this.coalescer = new HistogramCoalescer(
      (params, ticket) => this.limited(ticket, () => deps.upstream.get({ endpoint: 'date_histogram', params })),
      this.policy.coalesceWindowMs,
    );
    this.cooling = new LRUCache({ max: 10_000, ttl: this.policy.refreshCooldownMs });
    this.lastAnswers = new LastAnswers({ maxBytes: 32 * 1024 * 1024, maxAgeMs: this.policy.maxStaleMs });
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

  /**
   * The instant before which the upstream keeps no event (its retention); null when it keeps
   * everything. What the proxy answers, and what the MAU counter counts upstream, starts here.
   */
  upstreamKnownFrom(): number | null {
    return this.upstreamRetentionMs === null ? null : this.clock.now() - this.upstreamRetentionMs;
  }

  /**
   * Before which instant an answer from `source` counts no event: nothing for the archive (it
   * answers only windows it holds whole), the upstream's retention for the proxy, and for a
   * histogram cut between both, the retention extended back by what the archive holds.
   */
  private async knownFrom(source: AnswerSource): Promise<number | null> {
    if (source === 'archive') return null;
    if (source === 'mixed' && this.deps.archive) return this.deps.archive.knownFrom();
    return this.upstreamKnownFrom();
  }

  events(query: EventsQuery, options: RequestOptions = {}): Promise<ReportingResult<EventsResponse>> {
    return this.answer(this.prepareEvents(query, options), options);
  }

  terms(query: TermsQuery, options: RequestOptions = {}): Promise<ReportingResult<TermsResponse>> {
    return this.answer(this.prepareTerms(query, options), options);
  }

  /**
   * Every bucket of every series, from the buckets already held and the fewest upstream calls
   * for the rest; with `paging`, that page of the whole series, as the upstream would answer it.
   */
  async histogram(
    query: HistogramRequestQuery,
    options: RequestOptions = {},
  ): Promise<ReportingResult<HistogramResponse>> {
    const { paging, ...series } = query;
    const whole = await this.answer(this.prepareHistogram(series, options), options);
    return paging ? { ...whole, data: pageOfSeries(whole.data, paging.page, paging.per_page) } : whole;
  }

  /** A route's request, answered as its endpoint's method would. */
  ask(request: ReportingRequest): Promise<ReportingResult<ResponseOf[ReportingRequest['endpoint']]>> {
    const options = request.options ?? {};
    if (request.endpoint === 'events') return this.events(request.query, options);
    if (request.endpoint === 'terms') return this.terms(request.query, options);
    return this.histogram(request.query, options);
  }

  /** The upstream calls a request would make if it were asked now: the same choice `answer` makes. */
  async cost(request: ReportingRequest): Promise<number> {
    return (await this.plannedCalls(request)).length;
  }

  /** The cache keys of the upstream calls a request would make now, so requests sent together count a shared call once. */
  async plannedCalls(request: ReportingRequest): Promise<string[]> {
    const options = request.options ?? {};
    const prepared =
      request.endpoint === 'events'
        ? this.prepareEvents(request.query, options)
        : request.endpoint === 'terms'
          ? this.prepareTerms(request.query, options)
          : this.prepareHistogram(withoutPaging(request.query), options);
    return (await this.choose<unknown>(prepared)).calls;
  }

  // ── planning and answering ─────────────────────────────────────────────────────────────

  private async choose<T>(prepared: Prepared<T>): Promise<Choice<T>> {
    const planned = await prepared.plan();
    const last = prepared.askedKey ? this.lastAnswers.get<T>(prepared.askedKey) : undefined;
    if (prepared.servesPreviousSlot && planned.calls.length > 0 && last && !sameWindow(last.window, prepared.window)) {
      const refreshing = prepared.askedKey !== undefined && this.refreshingAsked.has(prepared.askedKey);
      return { kind: 'previous', planned, last, calls: refreshing ? [] : planned.calls };
    }
    return { kind: 'run', planned, last, calls: planned.calls };
  }

  private async answer<T>(prepared: Prepared<T>, options: RequestOptions): Promise<ReportingResult<T>> {
    this.deps.archive?.touch();
    const choice = await this.choose(prepared);
    const calls = choice.calls.length;
    checkCost(calls, this.callCap, options.acceptedCost);
    if (choice.kind === 'previous') {
      // Checked again now: a request planned at the same moment may have started the refresh.
      const starts = calls > 0 && this.refreshBehind(prepared, choice.planned);
      return this.fromLast(choice.last, prepared, starts ? calls : 0);
    }
    let ran: Ran<T>;
    try {
      ran = await choice.planned.run(askerOf(options));
    } catch (error) {
      if (choice.last && error instanceof ApiError && SERVE_LAST_ON.has(error.code)) {
        return this.fromLast(choice.last, prepared, calls);
      }
      throw error;
    }
    this.remember(prepared, ran);
    return this.result(ran, prepared, calls);
  }

  /** The one refresh of a moved window, run as background work behind the previous slot's answer. */
  private refreshBehind<T>(prepared: Prepared<T>, planned: Planned<T>): boolean {
    const key = prepared.askedKey;
    if (key === undefined || this.refreshingAsked.has(key)) return false;
    this.refreshingAsked.add(key);
    planned
      .run({ priority: 'background' })
      .then((ran) => this.remember(prepared, ran))
      .catch((err: unknown) =>
        this.deps.log.warn({ err }, 'refresh of a moved window failed; serving its previous answer'),
      )
      .finally(() => this.refreshingAsked.delete(key));
    return true;
  }

  private remember<T>(prepared: Prepared<T>, ran: Ran<T>): void {
    if (prepared.askedKey === undefined) return;
    const fetchedAt = ran.loads.length > 0 ? Math.min(...ran.loads.map((l) => l.entry.fetchedAt)) : this.clock.now();
    const known = this.lastAnswers.get(prepared.askedKey);
    // A cache hit of the answer already kept: nothing to store (storing measures it, on the hot path).
    if (known && known.fetchedAt === fetchedAt && sameWindow(known.window, prepared.window)) return;
    this.lastAnswers.set(prepared.askedKey, { data: ran.data, fetchedAt, window: prepared.window });
  }

  // ── events and terms ───────────────────────────────────────────────────────────────────

  private prepareEvents(query: EventsQuery, options: RequestOptions): Prepared<EventsResponse> {
    const window = this.rangeWindow(options.range);
    const params = window ? { ...query, query: withWindow(query.query, window) } : query;
    return {
      askedKey: askedKey({ endpoint: 'events', params: query }, options),
      window: window ?? exactWindow(query.query),
      servesPreviousSlot: true,
      plan: async () => {
        const pagePlan = planEventsPage(params.page, params.per_page);
        const queries: EventsQuery[] = pagePlan
          ? pagePlan.upstreamPages.map((page) => ({ ...params, page, per_page: UPSTREAM_PER_PAGE }))
          : [params];
        const decided = await Promise.all(queries.map((q) => this.decideEvents(q)));
        const byKey = new Map(decided.map((d) => [d.key, d]));
        return {
          calls: callsIn(decided),
          run: (asker) =>
            pageOfEvents(
              params,
              async (upstreamParams) => {
                const query: UpstreamQuery = { endpoint: 'events', params: upstreamParams };
                return this.act(byKey.get(canonicalKey(query)) ?? (await this.decide(query)), asker);
              },
              (loaded) => loaded.entry.data as ResponseOf['events'],
            ),
        };
      },
    };
  }

  /** One upstream page of events: its own answer, or, when that would wait for a call, read from pages held for another window (events-windows.ts). */
  private async decideEvents(params: EventsQuery): Promise<Decided> {
    const own = await this.decide({ endpoint: 'events', params });
    if (own.decision.source !== 'upstream' || own.decision.joins) return own;
    const read = await this.readHeldEvents(params);
    return read ? { ...own, decision: { source: 'cache', state: 'hit', entry: read } } : own;
  }

  /** The page read from the fresh pages held for another window that settle it, as a cache entry as old as they are. */
  private async readHeldEvents(params: EventsQuery): Promise<CacheEntry | null> {
    const window = exactWindow(params.query);
    if (!window || params.per_page !== UPSTREAM_PER_PAGE) return null;
    const rest = params.query.filter((c) => c.attribute !== 'time');
    const now = this.clock.now();
    const eventsOf = (entry: CacheEntry) => (entry.data as EventsResponse).events;
    for (const source of sourceWindows(window, now)) {
      const pages: CacheEntry[] = [];
      let complete = false;
      // One page past the one asked for: the source's list may start with events after this window's end.
      for (let page = 1; page <= params.page + 1 && !complete; page++) {
        const key = canonicalKey({ endpoint: 'events', params: { ...params, query: withWindow(rest, source), page } });
        const entry = await this.deps.cache.get(key);
        if (!entry || now >= entry.freshUntil) break;
        pages.push(entry);
        complete = eventsOf(entry).length < UPSTREAM_PER_PAGE;
      }
      if (pages.length === 0) continue;
      const held = { window: source, events: pages.flatMap(eventsOf), complete };
      const read = readEventsPage(held, window, params.page, UPSTREAM_PER_PAGE);
      if (!read) continue;
      const fetchedAt = Math.min(...pages.map((p) => p.fetchedAt));
      const freshUntil = Math.min(...pages.map((p) => p.freshUntil));
      return { data: { events: read, success: true }, fetchedAt, freshUntil, staleUntil: freshUntil };
    }
    return null;
  }

  private prepareTerms(query: TermsQuery, options: RequestOptions): Prepared<TermsResponse> {
    const window = this.rangeWindow(options.range);
    const params = window ? { ...query, scope: withWindow(query.scope, window) } : query;
    return {
      askedKey: askedKey({ endpoint: 'terms', params: query }, options),
      window: window ?? exactWindow(query.scope),
      servesPreviousSlot: true,
      plan: async () => {
        const { decided, read } = await this.decideTerms(params);
        return {
          calls: callsIn([decided]),
          run: async (asker) => {
            const loaded = await this.act(decided, asker);
            return { data: read(loaded.entry.data as ResponseOf['terms']), loads: [loaded] };
          },
        };
      },
    };
  }

  /**
   * Where a terms answer comes from (terms-sharing.ts): its own question at the upstream's
   * largest size, cut to the size asked; or, when that would wait for a call, the line of an
   * unfiltered answer already held for the same window.
   */
  private async decideTerms(
    params: TermsQuery,
  ): Promise<{ decided: Decided; read: (data: TermsResponse) => TermsResponse }> {
    const own = await this.decide({ endpoint: 'terms', params: sharedTermsQuery(params) });
    const ownAnswer = { decided: own, read: (data: TermsResponse) => topTerms(data, params.size) };
    const readable = own.decision.source === 'upstream' ? termsReadableFrom(params) : null;
    if (!readable) return ownAnswer;
    const held = await this.decide({ endpoint: 'terms', params: readable.from });
    if (held.decision.source !== 'cache') return ownAnswer;
    const line = readTermsValue(held.decision.entry.data as TermsResponse, readable.value);
    return line ? { decided: held, read: () => line } : ownAnswer;
  }

  // ── histograms ─────────────────────────────────────────────────────────────────────────

  private prepareHistogram(query: HistogramSeriesQuery, options: RequestOptions): Prepared<HistogramResponse> {
    const parsed = parseInterval(query.interval);
    if (!parsed)
      throw new ApiError('bad_request', `interval ${query.interval} is not an interval`, { field: 'interval' });
    const rest = query.scope.filter((c) => c.attribute !== 'time');
    const window = options.range ? this.rangeWindow(options.range) : exactWindow(query.scope);
    if (options.compare && !window) {
      throw new ApiError(
        'bad_request',
        'compare=previous needs a range, or exactly one scope[time][gte] and one scope[time][lt]',
        { field: 'compare' },
      );
    }
    const previous = options.compare && window ? previousWindow(window) : undefined;
    const span = window && { from: previous?.from ?? window.from, to: window.to };
    const interval = { name: query.interval, parsed };
    return {
      askedKey: askedKey(
        { endpoint: 'date_histogram', params: { ...query, page: 1, per_page: SERIES_PER_PAGE } },
        options,
      ),
      window,
      previous,
      servesPreviousSlot: false,
      plan: () =>
        span
          ? this.planHistogram(query, rest, interval, span)
          : this.planOpenHistogram({ ...query, page: 1, per_page: SERIES_PER_PAGE }),
    };
  }

  /** A window with both ends: the buckets held, plus the fewest runs of pages for the rest. */
  private async planHistogram(
    query: HistogramSeriesQuery,
    rest: Condition[],
    interval: NamedInterval,
    span: Span,
  ): Promise<Planned<HistogramResponse>> {
    const now = this.clock.now();
    const scope = scopeKeyOf(rest);
    const series = query.reports.map((r) => ({ name: r.name, signature: seriesSignature(r.conditions) }));
    const signatures = series.map((s) => s.signature);
    const others = this.buckets
      .intervalsOf(scope)
      .filter((name) => name !== interval.name)
      .map((name) => ({ name, parsed: parseInterval(name) as Interval }));
    let layout: HistogramLayout;
    try {
      layout = layoutHistogram({
        window: span,
        interval,
        others,
        lookup: (at, piece) => this.buckets.piece(scope, at.name, signatures, piece, now),
        maxBuckets: MAX_HISTOGRAM_BUCKETS,
      });
    } catch (error) {
      if (!(error instanceof TooManyBuckets)) throw error;
      throw new ApiError(
        'bad_request',
        `interval ${interval.name} cuts this window into more than ${error.max} buckets; choose a longer interval`,
        { field: 'interval' },
      );
    }
    const runs = await Promise.all(
      (await this.cutAtArchive(query, rest, layout.runs, interval.parsed)).map(async (run) => {
        const pages = Array.from({ length: pagesFor(run.buckets) }, (_, i): UpstreamQuery => ({
          endpoint: 'date_histogram',
          params: { ...query, scope: withWindow(rest, run), page: i + 1, per_page: SERIES_PER_PAGE },
        }));
        return { run, decided: await Promise.all(pages.map((q) => this.decide(q))) };
      }),
    );
    return {
      calls: runs.flatMap((r) => callsIn(r.decided)),
      run: async (asker) => {
        const answers = await Promise.all(runs.map((r) => this.runPages(r.decided, asker)));
        answers.forEach((answer, i) =>
          this.keepBuckets(scope, interval, series, runs[i].run, answer.loads, answer.data),
        );
        return {
          data: assemble(
            query,
            layout,
            answers.map((a) => a.data),
          ),
          loads: answers.flatMap((a) => a.loads),
        };
      },
    };
  }

  /** Runs cut where the archive holds their buckets: those parts cost no call, the rest goes upstream. */
  private async cutAtArchive(
    query: HistogramSeriesQuery,
    rest: Condition[],
    runs: readonly Run[],
    interval: Interval,
  ): Promise<Run[]> {
    const archive = this.deps.archive;
    if (!archive) return [...runs];
    const cut = await Promise.all(
      runs.map(async (run) => {
        const asked: UpstreamQuery = {
          endpoint: 'date_histogram',
          params: { ...query, scope: withWindow(rest, run), page: 1, per_page: SERIES_PER_PAGE },
        };
        return splitAtHeld(run, await archive.heldParts(asked, run), interval);
      }),
    );
    return cut.flat();
  }

  /** No exact window: pages of the whole series, as many as the upstream's retention can fill. */
  private async planOpenHistogram(query: HistogramQuery): Promise<Planned<HistogramResponse>> {
    const now = this.clock.now();
    const conditions = timeConditions({ endpoint: 'date_histogram', params: query });
    const bound = (ops: string[]) =>
      conditions.filter((c) => ops.includes(c.operator)).map((c) => parseIsoTime(c.value) ?? NaN);
    const from = Math.max(
      now - (this.upstreamRetentionMs ?? DEFAULT_UPSTREAM_RETENTION_MS),
      ...bound(['gt', 'gte']).filter(Number.isFinite),
    );
    const to = Math.min(now, ...bound(['lt', 'lte']).filter(Number.isFinite));
    const buckets = bucketStartsBetween(from, Math.max(from, to), parseInterval(query.interval) as Interval).length;
    const pages = Math.min(MAX_SERIES_PAGES, pagesFor(buckets));
    const decided = await Promise.all(
      Array.from({ length: pages }, (_, i) =>
        this.decide({ endpoint: 'date_histogram', params: { ...query, page: i + 1 } }),
      ),
    );
    return { calls: callsIn(decided), run: (asker) => this.runPages(decided, asker) };
  }

  /** Pages of one run in order, while a page comes back full; never more than were planned. */
  private async runPages(decided: Decided[], asker: Asker): Promise<Ran<HistogramResponse>> {
    const pages = new SeriesAccumulator();
    const loads: Loaded[] = [];
    for (const page of decided) {
      const loaded = await this.act(page, asker);
      loads.push(loaded);
      const data = loaded.entry.data as ResponseOf['date_histogram'];
      if (!pages.add(data) || !isFullPage(data)) break;
    }
    return { data: pages.result(), loads };
  }

  /** The closed whole buckets of a run's answer, and the answer itself while it is fresh. */
  private keepBuckets(
    scope: string,
    interval: NamedInterval,
    series: { name: string; signature: string }[],
    run: Span,
    loads: Loaded[],
    data: HistogramResponse,
  ): void {
    const fetchedAt = Math.min(...loads.map((l) => l.entry.fetchedAt));
    const freshUntil = Math.min(...loads.map((l) => l.entry.freshUntil));
    const first = bucketStart(run.from, interval.parsed);
    const lo = first === run.from ? first : nextBucketStart(first, interval.parsed);
    const hi = Math.min(
      bucketStart(run.to, interval.parsed),
      bucketStart(fetchedAt - this.policy.settleMarginMs, interval.parsed),
    );
    this.buckets.record(scope, interval, series, data, {
      asked: run,
      closed: lo < hi ? { from: lo, to: hi } : null,
      freshUntil,
      now: this.clock.now(),
    });
  }

  // ── one upstream query: decide where its answer comes from, then act on it ────────────

  /** Where one upstream query's answer comes from right now: the decision plans count and runs act on. */
  private async decide(query: UpstreamQuery): Promise<Decided> {
    const key = canonicalKey(query);
    const local = await this.deps.archive?.holds(query);
    if (local) return { query, key, decision: { source: 'archive', asOf: local.asOf, stale: local.stale } };
    const now = this.clock.now();
    const entry = await this.read(key, query, now);
    let decision: Decision;
    if (entry && now < entry.freshUntil) decision = { source: 'cache', state: 'hit', entry };
    else if (entry && now < entry.staleUntil)
      decision = { source: 'cache', state: 'stale', entry, refreshes: this.mayRefresh(key) };
    else decision = { source: 'upstream', joins: this.inflight.has(key) };
    return { query, key, decision };
  }

  private async act({ query, key, decision }: Decided, asker: Asker): Promise<Loaded> {
    if (decision.source === 'archive') {
      const data = await (this.deps.archive as ArchiveAnswers).answer(query);
      const at = decision.asOf;
      // An answer as of a live edge further behind than the freshness says so, as a stale cache entry would.
      const state = decision.stale ? 'stale' : 'hit';
      return { entry: { data, fetchedAt: at, freshUntil: at, staleUntil: at }, state, from: 'archive' };
    }
    if (decision.source === 'cache') {
      if (decision.state === 'stale') this.refreshInBackground(key, query);
      return { entry: decision.entry, state: decision.state, from: 'upstream' };
    }
    if (decision.joins && !this.inflight.has(key)) {
      // The call this plan joined has landed since: its answer is stored, and the plan counted no call.
      const landed = await this.deps.cache.get(key);
      if (landed) return { entry: landed, state: 'hit', from: 'upstream' };
    }
    const fresh = await this.inflight.run(key, asker, (ticket) => this.fetchAndStore(key, query, ticket));
    return { entry: fresh, state: 'miss', from: 'upstream' };
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

  private mayRefresh(key: string): boolean {
    return !this.inflight.has(key) && !this.cooling.has(key) && !this.claiming.has(key);
  }

  /** Exactly one background refresh per key (across replicas when they share a lock), and none for a while after one failed. */
  private refreshInBackground(key: string, query: UpstreamQuery): void {
    if (!this.mayRefresh(key)) return;
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

  private rangeWindow(range: RangePreset | undefined): Window | undefined {
    return range ? resolveRange(range, this.clock.now()) : undefined;
  }

  // ── answers ────────────────────────────────────────────────────────────────────────────

  private async result<T>(ran: Ran<T>, prepared: Prepared<T>, calls: number): Promise<ReportingResult<T>> {
    const state = ran.loads.reduce<CacheState>(
      (worst, l) => (CACHE_RANK[l.state] > CACHE_RANK[worst] ? l.state : worst),
      'hit',
    );
    // Only closed buckets come from no load at all, and those are as true now as ever.
    const fetchedAt = ran.loads.length > 0 ? Math.min(...ran.loads.map((l) => l.entry.fetchedAt)) : this.clock.now();
    return this.withMeta(ran.data, {
      cache: state,
      fetchedAt,
      calls,
      source: sourceOf(ran.loads),
      window: prepared.window,
      previous: prepared.previous,
    });
  }

  /** The last answer to the same question, for an earlier window: stale, and saying which window. */
  private fromLast<T>(last: LastAnswer<T>, prepared: Prepared<T>, calls: number): Promise<ReportingResult<T>> {
    const previous = prepared.previous && last.window ? previousWindow(last.window) : undefined;
    return this.withMeta(last.data, {
      cache: 'stale',
      fetchedAt: last.fetchedAt,
      calls,
      source: 'upstream',
      window: last.window,
      previous,
    });
  }

  private async withMeta<T>(
    data: T,
    m: {
      cache: CacheState;
      fetchedAt: number;
      calls: number;
      source: AnswerSource;
      window?: Window;
      previous?: Window;
    },
  ): Promise<ReportingResult<T>> {
    const [budget, knownFrom] = await Promise.all([this.deps.limiter.budget(), this.knownFrom(m.source)]);
    const earliest = m.previous?.from ?? m.window?.from;
    return {
      data,
      meta: {
        cache: m.cache,
        fetchedAt: new Date(m.fetchedAt).toISOString(),
        ageSeconds: Math.max(0, Math.floor((this.clock.now() - m.fetchedAt) / 1000)),
        budget,
        calls: m.calls,
        source: m.source,
        ...(knownFrom !== null && earliest !== undefined && earliest < knownFrom && { knownFrom: isoTime(knownFrom) }),
        ...(m.window && { window: isoWindow(m.window) }),
        ...(m.previous && { previous: isoWindow(m.previous) }),
      },
    };
  }
}

/** Where the answer came from: all of it from the archive, none of it, or both. */
function sourceOf(loads: readonly Loaded[]): AnswerSource {
  const local = loads.filter((l) => l.from === 'archive').length;
  if (local === 0) return 'upstream';
  return local === loads.length ? 'archive' : 'mixed';
}

/** The keys of the upstream calls these decisions make. */
function callsIn(decided: readonly Decided[]): string[] {
  return decided.filter((d) => callsOf(d.decision) > 0).map((d) => d.key);
}

/** The question as asked, for ranges only: its range stays a name, so every slot shares the key. */
function askedKey(query: UpstreamQuery, options: RequestOptions): string | undefined {
  if (!options.range) return undefined;
  return `${canonicalKey(query)}&range=${options.range}${options.compare ? `&compare=${options.compare}` : ''}`;
}

/** The window of a scope holding exactly one `time` gte and one `time` lt, in order; else undefined. */
function exactWindow(scope: readonly Condition[]): Window | undefined {
  const time = scope.filter((c) => c.attribute === 'time');
  const gte = time.find((c) => c.operator === 'gte');
  const lt = time.find((c) => c.operator === 'lt');
  if (time.length !== 2 || !gte || !lt) return undefined;
  const from = parseIsoTime(gte.value);
  const to = parseIsoTime(lt.value);
  return from !== null && to !== null && from < to ? { from, to } : undefined;
}

/** The buckets the store answered and those of each run, per series, in time order. */
function assemble(query: HistogramSeriesQuery, layout: HistogramLayout, runs: HistogramResponse[]): HistogramResponse {
  const reports: HistogramResponse['reports'] = {};
  query.reports.forEach((report, i) => {
    const known: Bucket[] = layout.known
      .filter((k) => k.answer.listed)
      .map((k) => ({ timestamp: k.start, time: new Date(k.start).toISOString(), count: k.answer.counts[i] }));
    const fetched = runs.flatMap((run) => run.reports[report.name] ?? []);
    reports[report.name] = [...known, ...fetched].sort((a, b) => a.timestamp - b.timestamp);
  });
  return { interval: query.interval, reports, success: true };
}

function isoTime(time: number): string {
  return new Date(time).toISOString();
}

function isoWindow(window: Window): { from: string; to: string } {
  return { from: isoTime(window.from), to: isoTime(window.to) };
}

function askerOf(options: RequestOptions): Asker {
  return { priority: options.priority ?? 'interactive', user: options.user };
}

/** The range's window as `time` conditions: [from, to). */
function withWindow(conditions: Condition[], window: Window): Condition[] {
  return [...conditions, ...timeWithin(window.from, window.to)];
}

function withoutPaging({ paging: _paging, ...series }: HistogramRequestQuery): HistogramSeriesQuery {
  return series;
}
