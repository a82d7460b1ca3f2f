/**
 * The overview's headline numbers and their change against the previous period, all from the
 * one histogram over both periods. They split on a bucket boundary (the current period's
 * start), and the histogram counts exactly the span asked for (its first bucket cut at the
 * previous period's start), so each period's total is the sum of its own buckets.
 */
import { sumSeries, type SeriesRow } from '@/lib/queries/histogram-series';
import type { OverviewPlan, OverviewSeries } from '@/lib/queries/overview-requests';

export type KpiId = 'verified' | 'invalid' | 'failure_rate' | 'approved' | 'denied' | 'approval_rate' | 'users_added';

export type Kpi = {
  id: KpiId;
  label: string;
  kind: 'count' | 'rate';
  current: number | null;
  previous: number | null;
  /** Counts: relative change (0.1 = +10%, Infinity from zero). Rates: difference in points (0.01 = 1 pt). */
  change: number | null;
  /** Whether a rise is good news, for colouring the change. */
  better: 'up' | 'down';
  /** The series behind a count, for drilling into its events. */
  series?: OverviewSeries;
};

/** (current - previous) / previous; Infinity when it grew from zero, 0 when both are zero. */
export function relativeChange(current: number, previous: number): number {
  if (previous === 0) return current === 0 ? 0 : Infinity;
  return (current - previous) / previous;
}

/** part / (part + rest), or null when there is nothing to divide. */
export function rate(part: number, rest: number): number | null {
  const total = part + rest;
  return total === 0 ? null : part / total;
}

/** `rows` cover the histogram's span and nothing else: previous.from (cut) to current.to. */
export function overviewKpis(rows: readonly SeriesRow[], plan: Pick<OverviewPlan, 'current'>): Kpi[] {
  const sum = (series: OverviewSeries) => ({
    current: sumSeries(rows, series, { from: plan.current.from, to: Infinity }),
    previous: sumSeries(rows, series, { from: -Infinity, to: plan.current.from }),
  });
  const count = (id: KpiId & OverviewSeries, label: string, better: Kpi['better']): Kpi => {
    const s = sum(id);
    return { id, label, kind: 'count', ...s, change: relativeChange(s.current, s.previous), better, series: id };
  };
  const ratio = (id: KpiId, label: string, part: OverviewSeries, rest: OverviewSeries, better: Kpi['better']): Kpi => {
    const p = sum(part);
    const r = sum(rest);
    const current = rate(p.current, r.current);
    const previous = rate(p.previous, r.previous);
    return {
      id,
      label,
      kind: 'rate',
      current,
      previous,
      change: current === null || previous === null ? null : current - previous,
      better,
    };
  };
  return [
    count('verified', 'Verifications', 'up'),
    count('invalid', 'Failed verifications', 'down'),
    ratio('failure_rate', 'Failure rate', 'invalid', 'verified', 'down'),
    count('approved', 'Push approved', 'up'),
    count('denied', 'Push denied', 'down'),
    ratio('approval_rate', 'Approval rate', 'approved', 'denied', 'up'),
    count('users_added', 'Users added', 'up'),
  ];
}
