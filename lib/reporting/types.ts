/**
 * The shapes the reporting service hands to routes (and, as types only, to the UI): what a
 * response says about where it came from, and how much upstream budget is left.
 */
import 'server-only';
import type { EventsResponse, HistogramResponse, TermsResponse } from '../authy/responses';
import type { Endpoint } from '../authy/schemas';
import type { Priority } from './priorities';

export type { Priority } from './priorities';

export type CacheState = 'hit' | 'miss' | 'stale';

/** `byClass`: the calls of each class in the window (they add up to `limit - remaining`). */
export type BudgetWindow = { limit: number; remaining: number; resetAt: string; byClass: Record<Priority, number> };

/**
 * What every reporting response carries in `meta.budget` (and `GET /api/budget`, with the caller's queue).
 * `waiting`: people (distinct users) waiting for budget on any replica.
 */
export type Budget = { minute: BudgetWindow; hour: BudgetWindow; backoffUntil: string | null; waiting: number };

/** What `GET /api/budget` answers: the budget, and the caller's calls waiting on the replica that answers. */
export type BudgetWithQueue = Budget & { queue: QueuedCall[] };

/** One of a person's requests waiting for budget on this replica (`Limiter.queueState`). */
export type QueuedCall = {
  priority: Priority;
  /** 1 for the next call this replica will release. */
  position: number;
  /** Other people with a call ahead of this one. */
  aheadOfYou: number;
  /** When the call is expected to go out (ISO 8601). */
  estimatedStartAt: string;
};

export type ReportingMeta = {
  cache: CacheState;
  fetchedAt: string;
  ageSeconds: number;
  budget: Budget;
  /** Upstream calls this request made or started (0 when cached): what its plan said it would. */
  calls: number;
  /** The window answered: a range as the server resolved it, or an exact window asked for. */
  window?: { from: string; to: string };
  /** With `compare=previous`: the same span of time just before `window`, also in the answer. */
  previous?: { from: string; to: string };
  /**
   * Where the answer came from: `archive`, the local copy (no upstream call, for any number of
   * viewers); `upstream`, the Reporting API or the cache of its answers; `mixed`, both.
   */
  source: AnswerSource;
  /**
   * Set when the window starts before anything the dashboard knows: the API keeps only its last
   * 90 days and the archive holds nothing older than this. Events before it are not counted.
   */
  knownFrom?: string;
};

export type AnswerSource = 'archive' | 'upstream' | 'mixed';

export type ResponseOf = {
  events: EventsResponse;
  date_histogram: HistogramResponse;
  terms: TermsResponse;
};
export type UpstreamResponse = ResponseOf[Endpoint];

export type ReportingResult<T> = { data: T; meta: ReportingMeta };
