/**
 * MAU months as chart bars: the height, how it is drawn, the whisker of an estimate and the
 * sentence that explains it. Pure, so the chart stays presentational and this is testable.
 */
import { addMonths, monthStart } from '@/lib/mau/months';
import type { MauMonth } from '@/lib/mau/types';

export const MAU_COLOR = '#2563eb';

/** `unknown`: nothing of the month is known (before the API's retention and the archive); `none`: not counted yet. */
export type MauBarKind = 'exact' | 'estimate' | 'lowerBound' | 'none' | 'unknown';

/** How much of the month's events the dashboard knows: all, from `knownFrom` on, or none (it starts at or after the month's end). */
export function knownPart(m: MauMonth): 'whole' | 'part' | 'none' {
  const from = m.knownFrom === null ? Number.NaN : Date.parse(m.knownFrom);
  if (!(from > monthStart(m.month))) return 'whole';
  return from >= monthStart(addMonths(m.month, 1)) ? 'none' : 'part';
}

/**
 * What a month's number is. A month known only in part is at least its count, however exactly
 * the known part was counted; the archive counts a month it holds whole without an upstream call.
 */
export function mauKind(m: MauMonth): MauBarKind {
  const known = knownPart(m);
  if (known === 'none') return 'unknown';
  if (m.upstreamCalls === 0 && m.source !== 'archive' && !m.exact) return 'none';
  if (known === 'part') return 'lowerBound';
  if (m.exact) return 'exact';
  return m.basis === 'estimate' ? 'estimate' : 'lowerBound';
}

/** The number a month stands for: the exact count, the estimate or the lower bound; null when there is none. */
export function mauValue(m: MauMonth, kind: MauBarKind = mauKind(m)): number | null {
  if (kind === 'none' || kind === 'unknown') return null;
  return kind === 'lowerBound' ? m.lowerBound : m.activeUsers;
}

const MARKS: Record<MauBarKind, string> = { exact: '', estimate: '~', lowerBound: '≥', none: '…', unknown: '?' };

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
  /** Printed at the bar's foot: "~" estimate, "≥" at least, "…" not counted yet, "?" not known, nothing when exact. */
  mark: string;
  inProgress: boolean;
  explanation: string;
};

export function mauBar(m: MauMonth, labels: { label: string; tick: string; explanation: string }): MauBar {
  const kind = mauKind(m);
  const value = mauValue(m, kind);
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
    mark: MARKS[kind],
    inProgress: m.inProgress,
    explanation: labels.explanation,
  };
}
