/**
 * Every request the overview makes, as one pure function of the view and "now". The overview
 * costs at most 4 upstream calls on a cold load: ONE histogram (all series and the count of all
 * events, one interval, over the current period and the one of the same length just before,
 * under 100 buckets so the server needs a single page) and three terms. A preset goes to the server as `range` and the
 * server resolves it (lib/ranges.ts), so the overview's window is the terms page's, the events
 * page's and its own drill-down links' window.
 */
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import { eventIs } from '@/lib/authy/conditions';
import { bucketStart, parseInterval, type Interval, type IntervalParam } from '@/lib/authy/interval';
import { previousWindow, rangeGrain, type TimeWindow } from '@/lib/ranges';
import { BUCKETS_PER_CALL, autoInterval, intervalChoicesFor, startsOnEveryGrain } from '@/lib/queries/intervals';
import { ALL_EVENTS_REPORT } from '@/lib/queries/all-events';
import { histogramSearch, termsSearch } from '@/lib/queries/request-search';
import { resolveTimeSpec, windowEntries, type TimeSpec } from '@/lib/queries/time-spec';

const eq = (attribute: string, value: string): Condition => ({ attribute, operator: 'eq', value });
const PUSH = eventIs('one_touch_request_responded');

/** The series every overview chart and KPI is computed from. */
export const OVERVIEW_REPORTS = [
  { name: 'verified', conditions: [eventIs('token_verified')] },
  { name: 'invalid', conditions: [eventIs('token_invalid')] },
  { name: 'approved', conditions: [PUSH, eq('objects.onetouch_request.s_status', 'approved')] },
  { name: 'denied', conditions: [PUSH, eq('objects.onetouch_request.s_status', 'denied')] },
  { name: 'users_added', conditions: [eventIs('user_added')] },
] as const satisfies readonly Report[];

export type OverviewSeries = (typeof OVERVIEW_REPORTS)[number]['name'];

export const OVERVIEW_TERMS = [
  { id: 'events', title: 'Events by type', field: 'event', size: 10 },
  { id: 'devices', title: 'Devices', field: 'objects.device.s_device_type', size: 10 },
  { id: 'countries', title: 'Countries', field: 'objects.user.s_country_code', size: 10 },
] as const;

export type OverviewTermsId = (typeof OVERVIEW_TERMS)[number]['id'];

/**
 * The current period starts on a bucket boundary and ends at "now" (its last bucket still
 * filling); the previous period is the same elapsed span just before it, so its first bucket
 * may be cut at its start. Each period's total is the sum of its own buckets.
 */
export type OverviewPlan = {
  interval: IntervalParam;
  parsedInterval: Interval;
  current: TimeWindow;
  previous: TimeWindow;
  /** What the histogram covers: previous.from to current.to. */
  span: TimeWindow;
  /** The intervals that keep each period to half an upstream page and split the periods on a bucket boundary. */
  choices: IntervalParam[];
};

export type OverviewView = { time: TimeSpec; interval: IntervalParam | null };

/** Most buckets per period: both periods must fit one upstream page together. */
const MAX_PERIOD_BUCKETS = Math.floor(BUCKETS_PER_CALL / 2);

/**
 * A preset offers the intervals whose buckets start on every boundary of its grain, so that
 * wherever the server resolves it, the periods split on a bucket boundary; a custom window
 * offers every interval that fits (it is started on its first bucket, see overviewPlan).
 */
export function overviewChoices(time: TimeSpec, window: TimeWindow): IntervalParam[] {
  const fits = intervalChoicesFor(window, MAX_PERIOD_BUCKETS);
  if (time.kind === 'absolute') return fits;
  const grain = rangeGrain(time.range);
  return fits.filter((choice) => startsOnEveryGrain(parseInterval(choice) as Interval, grain));
}

function withPeriods(base: Omit<OverviewPlan, 'previous' | 'span'>): OverviewPlan {
  const previous = previousWindow(base.current);
  return { ...base, previous, span: { from: previous.from, to: base.current.to } };
}

export function overviewPlan(view: OverviewView, now: number): OverviewPlan {
  const window = resolveTimeSpec(view.time, now);
  const choices = overviewChoices(view.time, window);
  const interval =
    view.interval && choices.includes(view.interval)
      ? view.interval
      : (choices[0] ?? autoInterval(window, MAX_PERIOD_BUCKETS));
  const parsedInterval = parseInterval(interval) as Interval;
  // A preset already starts on a bucket; a custom window is started on the bucket holding its start.
  const current = { from: bucketStart(window.from, parsedInterval), to: window.to };
  return withPeriods({ interval, parsedInterval, current, choices });
}

/** The plan with the windows the server answered for (it resolves a preset with its own clock). */
export function answeredPlan(planned: OverviewPlan, meta: { window?: { from: string; to: string } }): OverviewPlan {
  if (!meta.window) return planned;
  const current = { from: Date.parse(meta.window.from), to: Date.parse(meta.window.to) };
  return withPeriods({ ...planned, current });
}

export type OverviewRequests = {
  plan: OverviewPlan;
  histogram: { endpoint: 'date_histogram'; search: URLSearchParams };
  terms: { id: OverviewTermsId; endpoint: 'terms'; search: URLSearchParams }[];
};

export function overviewRequests(view: OverviewView, now: number): OverviewRequests {
  const plan = overviewPlan(view, now);
  const time: [string, string][] =
    view.time.kind === 'preset' ? [['range', view.time.range]] : windowEntries(plan.current, 'scope');
  return {
    plan,
    histogram: {
      endpoint: 'date_histogram',
      search: histogramSearch({
        // All events too, in the same call: the breakdowns' shares are of that total.
        reports: [...OVERVIEW_REPORTS, ALL_EVENTS_REPORT],
        scope: [],
        interval: plan.interval,
        time: [...time, ['compare', 'previous']],
      }),
    },
    terms: OVERVIEW_TERMS.map((t) => ({
      id: t.id,
      endpoint: 'terms' as const,
      search: termsSearch({ field: t.field, size: t.size, scope: [], time }),
    })),
  };
}
