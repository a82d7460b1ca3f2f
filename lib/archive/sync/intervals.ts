/** Half-open time intervals [from, to) in epoch ms: merging, containment, subtraction. */

export type Interval = { from: number; to: number };

/** Sorted, with overlapping and touching intervals joined and empty ones dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const { from, to } of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else merged.push({ from, to });
  }
  return merged;
}

/** Whether [from, to) lies inside one of the (merged) intervals. */
export function covers(merged: readonly Interval[], from: number, to: number): boolean {
  if (to <= from) return merged.some((i) => i.from <= from && from <= i.to);
  return merged.some((i) => i.from <= from && to <= i.to);
}

/** The parts of `base` that none of `holes` overlaps, oldest first. */
export function subtract(base: Interval, holes: readonly Interval[]): Interval[] {
  const parts: Interval[] = [];
  let from = base.from;
  for (const hole of mergeIntervals(holes)) {
    if (hole.to <= from) continue;
    if (hole.from >= base.to) break;
    if (hole.from > from) parts.push({ from, to: hole.from });
    from = Math.max(from, hole.to);
  }
  if (from < base.to) parts.push({ from, to: base.to });
  return parts;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function floorTo(time: number, unit: number): number {
  return Math.floor(time / unit) * unit;
}

export function ceilTo(time: number, unit: number): number {
  return Math.ceil(time / unit) * unit;
}

export function iso(time: number): string {
  return new Date(time).toISOString();
}
