/**
 * The time part of a request, as the URL says it: a relative preset (kept relative, so a
 * query key never holds a timestamp and the server resolves it with snapping) or an absolute
 * custom window.
 */
import { resolveRange, type RangePreset, type TimeWindow } from '@/lib/ranges';

export type TimeSpec = { kind: 'preset'; range: RangePreset } | { kind: 'absolute'; from: string; to: string };

export type RangeView = { range: RangePreset; from: Date | null; to: Date | null };

/** Absolute `from`/`to` win over `range` when both are valid and in order. */
export function timeSpecOf(view: RangeView): TimeSpec {
  if (view.from && view.to && view.from.getTime() < view.to.getTime()) {
    return { kind: 'absolute', from: view.from.toISOString(), to: view.to.toISOString() };
  }
  return { kind: 'preset', range: view.range };
}

export function resolveTimeSpec(spec: TimeSpec, now: number): TimeWindow {
  return spec.kind === 'preset'
    ? resolveRange(spec.range, now)
    : { from: Date.parse(spec.from), to: Date.parse(spec.to) };
}

/** `scope[time][gte]`/`[lt]` (or `query[...]` for events) for an absolute window. */
export function windowEntries(window: TimeWindow, root: 'scope' | 'query'): [string, string][] {
  return [
    [`${root}[time][gte]`, new Date(window.from).toISOString()],
    [`${root}[time][lt]`, new Date(window.to).toISOString()],
  ];
}

/** The request parameters for a time spec: `range=30d`, or the absolute window. */
export function timeEntries(spec: TimeSpec, root: 'scope' | 'query'): [string, string][] {
  return spec.kind === 'preset' ? [['range', spec.range]] : windowEntries(resolveTimeSpec(spec, 0), root);
}

/** Query-string parameters that reproduce a time spec on a page URL. */
export function timeSpecSearch(spec: TimeSpec): Record<string, string> {
  return spec.kind === 'preset' ? { range: spec.range } : { from: spec.from, to: spec.to };
}
