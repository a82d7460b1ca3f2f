/**
 * Histogram derivation from a cached superset. Buckets do not depend on the window that asked
 * for them: a bucket starting inside [from, to) counts exactly the events of that bucket,
 * whichever larger window it was fetched with, as long as the bucket lies wholly inside both.
 * So a series whose reports, interval and non-time scope match a cached, complete series over a
 * window containing the asked one can be answered by slicing its buckets, with no upstream
 * call, provided the asked bounds are bucket starts (lib/authy/interval.ts): then every bucket
 * in [from, to) is whole. A cached window whose own bounds are not aligned is still fine: its
 * partial edge buckets lie outside any aligned window it contains.
 *
 * The index of cached windows is kept in this process's memory only. With Redis shared by
 * replicas the cache entries are shared but the index is not, so another replica simply misses
 * the derivation and asks the upstream as before.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import { parseIsoTime } from '../authy/attributes';
import type { Condition, Report } from '../authy/bracket-codec';
import { bucketStart, parseInterval, type IntervalParam } from '../authy/interval';
import type { HistogramResponse } from '../authy/responses';
import { canonicalKey } from '../authy/schemas';

export type TimeWindow = { from: number; to: number };
export type SeriesRequest = { reports: Report[]; interval: IntervalParam; scope: Condition[] };

/** What decides whether two series share buckets: everything but the time window. */
export type SeriesShape = { family: string; window: TimeWindow };

/** The series' family and its [from, to) window, or null unless the window is exactly one `gte` and one `lt`. */
export function seriesShape(series: SeriesRequest): SeriesShape | null {
  const time = series.scope.filter((c) => c.attribute === 'time');
  const gte = time.filter((c) => c.operator === 'gte');
  const lt = time.filter((c) => c.operator === 'lt');
  if (time.length !== 2 || gte.length !== 1 || lt.length !== 1) return null;
  const from = parseIsoTime(gte[0].value);
  const to = parseIsoTime(lt[0].value);
  if (from === null || to === null || from >= to) return null;
  const rest = series.scope.filter((c) => c.attribute !== 'time');
  const family = canonicalKey({
    endpoint: 'date_histogram',
    params: { reports: series.reports, interval: series.interval, scope: rest, page: 1, per_page: 1 },
  });
  return { family, window: { from, to } };
}

/** Both bounds start a bucket of `interval`, so the window holds whole buckets only. */
export function isAligned(window: TimeWindow, interval: string): boolean {
  const parsed = parseInterval(interval);
  return (
    parsed !== null && bucketStart(window.from, parsed) === window.from && bucketStart(window.to, parsed) === window.to
  );
}

/** The buckets of `series` that start inside `window`. */
export function sliceSeries(series: HistogramResponse, window: TimeWindow): HistogramResponse {
  const reports: HistogramResponse['reports'] = {};
  for (const [name, buckets] of Object.entries(series.reports)) {
    reports[name] = buckets.filter((b) => b.timestamp >= window.from && b.timestamp < window.to);
  }
  return { interval: series.interval, reports, success: true };
}

/** A complete series the cache holds: its window and the cache keys of all its pages. */
export type IndexedSeries = { window: TimeWindow; pageKeys: string[] };

const WINDOWS_PER_FAMILY = 8;

/** Which complete series are cached, per family, so a narrower aligned window can be sliced from one. */
export class HistogramWindowIndex {
  private readonly families = new LRUCache<string, IndexedSeries[]>({ max: 2_000 });

  record(family: string, indexed: IndexedSeries): void {
    const others = (this.families.get(family) ?? []).filter(
      (s) => s.window.from !== indexed.window.from || s.window.to !== indexed.window.to,
    );
    this.families.set(family, [indexed, ...others].slice(0, WINDOWS_PER_FAMILY));
  }

  /** Cached series whose window contains `window`, widest first. */
  containing(family: string, window: TimeWindow): IndexedSeries[] {
    return (this.families.get(family) ?? [])
      .filter((s) => s.window.from <= window.from && window.to <= s.window.to)
      .sort((a, b) => b.window.to - b.window.from - (a.window.to - a.window.from));
  }
}
