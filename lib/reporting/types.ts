/**
 * The shapes the reporting service hands to routes (and, as types only, to the UI): what a
 * response says about where it came from, and how much upstream budget is left.
 */
import 'server-only';
import type { EventsResponse, HistogramResponse, TermsResponse } from '../authy/responses';
import type { Endpoint } from '../authy/schemas';

/** A person waiting beats an auto-refresh. */
export type Priority = 'interactive' | 'background';

export type CacheState = 'hit' | 'miss' | 'stale';

export type BudgetWindow = { limit: number; remaining: number; resetAt: string };

/** What `GET /api/budget` answers and every reporting response carries in `meta.budget`. */
export type Budget = { minute: BudgetWindow; hour: BudgetWindow; backoffUntil: string | null };

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
};

export type ResponseOf = {
  events: EventsResponse;
  date_histogram: HistogramResponse;
  terms: TermsResponse;
};
export type UpstreamResponse = ResponseOf[Endpoint];

export type ReportingResult<T> = { data: T; meta: ReportingMeta };
