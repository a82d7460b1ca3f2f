/** What `GET /api/mau` answers. Client-safe: the page imports these types. */

/**
 * Which events make a user active (`MAU_EVENTS`): any event that carries a user, or
 * authentications only (`AUTHENTICATION_EVENTS`).
 */
export const MAU_EVENT_CHOICES = ['all', 'authentications'] as const;
export type MauEvents = (typeof MAU_EVENT_CHOICES)[number];

/** Which number `activeUsers` is. */
export type MauBasis = 'exact' | 'estimate' | 'lowerBound';

export type MauMonth = {
  month: string;
  /** The exact count when `exact`; otherwise the estimate, or the lower bound without one. */
  activeUsers: number;
  exact: boolean;
  /** Distinct users actually seen: certainly active. Equals `activeUsers` when exact. */
  lowerBound: number;
  /** Null when exact, or when too little has been counted to scale the rest by. */
  estimate: number | null;
  /** 95% interval around `estimate`. */
  estimateLow: number | null;
  estimateHigh: number | null;
  basis: MauBasis;
  /** Upstream calls spent on this month so far, across requests. */
  upstreamCalls: number;
  /** Of those, the ones this request made. */
  callsThisRequest: number;
  /** About how many more calls make it exact (0 when it is); null until an estimate exists. */
  callsToFinish: number | null;
  /** The month is not over: counted up to `asOf`, and recounted as it goes on. */
  inProgress: boolean;
  /** End of the counted window (ISO): the month's end, or "now" snapped for a live month. */
  asOf: string;
  /** More calls would make it exact; a later request continues where this one stopped. */
  pending: boolean;
  /** `archive`: counted from the archive's copy of the whole month, exactly, at no upstream call. */
  source: 'archive' | 'upstream';
  /**
   * Null when the whole month is known. Otherwise the instant from which its events are known
   * (the API's retention, extended by the archive); at or after the month's end, none are, and
   * `activeUsers` counts only users seen in what is known.
   */
  knownFrom: string | null;
};

export type MauResponse = {
  months: MauMonth[];
  /** Which events make a user active: any event that carries a user, or authentications only. */
  events: MauEvents;
  budget: { calls: number; spent: number };
  /** Why counting stopped early, when it did for a reason other than the budget. */
  stoppedBy: 'rate_limited' | 'upstream_error' | null;
};
