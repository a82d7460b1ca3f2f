/**
 * Every request the overview makes, as one pure function of the view and "now". The overview
 * must cost at most 4 upstream calls on a cold load: ONE histogram (all series and the count
 * of all events, one interval, one scope spanning the previous and the current period, under
 * 100 buckets so the server needs a single page) and three terms.
 */
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import { bucketStart, bucketStartsBetween, nextBucketStart, parseInterval, type Interval } from '@/lib/authy/interval';
import type { TimeWindow } from '@/lib/ranges';
import { BUCKETS_PER_CALL, autoInterval, intervalChoicesFor } from '@/lib/queries/intervals';
import { ALL_EVENTS_REPORT, histogramSearch, termsSearch } from '@/lib/queries/reporting';
import { resolveTimeSpec, windowEntries, type TimeSpec } from '@/lib/queries/time-spec';

const eq = (attribute: string, value: string): Condition => ({ attribute, operator: 'eq', value });
const PUSH = eq('event', 'one_touch_request_responded');

/** The series every overview chart and KPI is computed from. */
export const OVERVIEW_REPORTS = [
  { name: 'verified', conditions: [eq('event', 'token_verified')] },
  { name: 'invalid', conditions: [eq('event', 'token_invalid')] },
  { name: 'approved', conditions: [PUSH, eq('objects.onetouch_request.s_status', 'approved')] },
  { name: 'denied', conditions: [PUSH, eq('objects.onetouch_request.s_status', 'denied')] },
  { name: 'users_added', conditions: [eq('event', 'user_added')] },
] as const satisfies readonly Report[];

export type OverviewSeries = (typeof OVERVIEW_REPORTS)[number]['name'];

export const OVERVIEW_TERMS = [
  { id: 'events', title: 'Events by type', field: 'event', size: 10 },
  { id: 'devices', title: 'Devices', field: 'objects.device.s_device_type', size: 10 },
  { id: 'countries', title: 'Countries', field: 'objects.user.s_country_code', size: 10 },
] as const;

export type OverviewTermsId = (typeof OVERVIEW_TERMS)[number]['id'];

/** Both periods are whole buckets, so each period's total is a plain sum of its buckets. */
export type OverviewPlan = {
  interval: string;
  parsedInterval: Interval;
  /** The window the URL asks for, before aligning to buckets. */
  requested: TimeWindow;
  current: TimeWindow;
  previous: TimeWindow;
  /** What the histogram asks for: previous.from to current.to. */
  span: TimeWindow;
  /** The intervals that keep the span to one upstream page. */
  choices: string[];
};

export type OverviewView = { time: TimeSpec; interval: string | null };

/** Most buckets per period: both periods must fit one upstream page together. */
const MAX_PERIOD_BUCKETS = Math.floor(BUCKETS_PER_CALL / 2);

/**
 * The current period is the buckets starting inside the requested window (at least the one
 * holding its start), e.g. the last 30 UTC days including today; the previous period is as
 * many buckets just before it.
 */
export function alignPeriods(requested: TimeWindow, interval: Interval): { current: TimeWindow; previous: TimeWindow } {
  const first = bucketStart(requested.from, interval);
  const starts = bucketStartsBetween(
    first === requested.from ? first : nextBucketStart(first, interval),
    requested.to,
    interval,
  );
  const from = starts[0] ?? first;
  const to = nextBucketStart(starts.at(-1) ?? first, interval);
  let previousFrom = from;
  for (let i = 0; i < Math.max(1, starts.length); i++) previousFrom = bucketStart(previousFrom - 1, interval);
  return { current: { from, to }, previous: { from: previousFrom, to: from } };
}

export function overviewPlan(view: OverviewView, now: number): OverviewPlan {
  const requested = resolveTimeSpec(view.time, now);
  const choices = intervalChoicesFor(requested, MAX_PERIOD_BUCKETS);
  const interval =
    view.interval && choices.includes(view.interval) ? view.interval : autoInterval(requested, MAX_PERIOD_BUCKETS);
  const parsedInterval = parseInterval(interval) as Interval;
  const { current, previous } = alignPeriods(requested, parsedInterval);
  return {
    interval,
    parsedInterval,
    requested,
    current,
    previous,
    span: { from: previous.from, to: current.to },
    choices,
  };
}

export type OverviewRequests = {
  plan: OverviewPlan;
  histogram: { endpoint: 'date_histogram'; search: URLSearchParams };
  terms: { id: OverviewTermsId; endpoint: 'terms'; search: URLSearchParams }[];
};

export function overviewRequests(view: OverviewView, now: number): OverviewRequests {
  const plan = overviewPlan(view, now);
  return {
    plan,
    histogram: {
      endpoint: 'date_histogram',
      search: histogramSearch({
        // All events too, in the same call: the breakdowns' shares are of that total.
        reports: [...OVERVIEW_REPORTS, ALL_EVENTS_REPORT],
        scope: [],
        interval: plan.interval,
        time: windowEntries(plan.span, 'scope'),
      }),
    },
    terms: OVERVIEW_TERMS.map((t) => ({
      id: t.id,
      endpoint: 'terms' as const,
      search: termsSearch({ field: t.field, size: t.size, scope: [], time: windowEntries(plan.current, 'scope') }),
    })),
  };
}
