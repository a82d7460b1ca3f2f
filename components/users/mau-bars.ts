/**
 * MAU months as chart bars: the height, how it is drawn, the whisker of an estimate and the
 * sentence that explains it. Pure, so the chart stays presentational and this is testable.
 */
import type { MauMonth } from '@/lib/mau/types';

export const MAU_COLOR = '#2563eb';

export type MauBarKind = 'exact' | 'estimate' | 'lowerBound' | 'none';

export type MauBar = {
  month: string;
  label: string;
  /** Axis tick: short month, with "*" while the month is in progress. */
  tick: string;
  /** What the bar stands for: the exact count, the estimate or the lower bound; null when not counted. */
  value: number | null;
  /** Drawn height (0 when not counted). */
  height: number;
  kind: MauBarKind;
  /** Distance from the value down to the interval's low end and up to its high end. */
  whisker: [number, number] | null;
  /** Printed above the bar: "~" estimate, "≥" at least, "…" not counted yet, nothing when exact. */
  mark: string;
  inProgress: boolean;
  explanation: string;
};

export function mauBar(m: MauMonth, labels: { label: string; tick: string; explanation: string }): MauBar {
  const kind: MauBarKind = m.exact
    ? 'exact'
    : m.upstreamCalls === 0
      ? 'none'
      : m.basis === 'estimate'
        ? 'estimate'
        : 'lowerBound';
  const value = kind === 'none' ? null : m.activeUsers;
  const whisker =
    kind === 'estimate' && m.estimateLow !== null && m.estimateHigh !== null
      ? ([Math.max(0, m.activeUsers - m.estimateLow), Math.max(0, m.estimateHigh - m.activeUsers)] as [number, number])
      : null;
  return {
    month: m.month,
    label: labels.label,
    tick: m.inProgress ? `${labels.tick}*` : labels.tick,
    value,
    height: value ?? 0,
    kind,
    whisker,
    mark: kind === 'estimate' ? '~' : kind === 'lowerBound' ? '≥' : kind === 'none' ? '…' : '',
    inProgress: m.inProgress,
    explanation: labels.explanation,
  };
}
