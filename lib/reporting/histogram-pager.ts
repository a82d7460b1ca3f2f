/**
 * The whole histogram series. The upstream pages histogram buckets like events; the dashboard
 * wants every bucket, so the service asks page after page (100 buckets each) while a page comes
 * back full, up to the upstream's last page, and merges them.
 */
import 'server-only';
import type { Bucket, HistogramResponse } from '../authy/responses';
import { LIMITS } from '../authy/vocabulary';

export const SERIES_PER_PAGE = LIMITS.perPage.max;
export const MAX_SERIES_PAGES = LIMITS.page.max;

/** More may follow when any series filled the page. */
export function isFullPage(page: HistogramResponse, perPage = SERIES_PER_PAGE): boolean {
  return Object.values(page.reports).some((buckets) => buckets.length >= perPage);
}

/** Pages merged into one answer; a bucket repeated across pages is kept once, in time order. */
export class SeriesAccumulator {
  private interval: string | undefined;
  private readonly series = new Map<string, Map<number, Bucket>>();

  /** Adds a page; false when it brought no new bucket (an upstream that ignores paging). */
  add(page: HistogramResponse): boolean {
    this.interval ??= page.interval;
    let added = false;
    for (const [name, buckets] of Object.entries(page.reports)) {
      let series = this.series.get(name);
      if (!series) this.series.set(name, (series = new Map()));
      for (const bucket of buckets) {
        if (series.has(bucket.timestamp)) continue;
        series.set(bucket.timestamp, bucket);
        added = true;
      }
    }
    return added;
  }

  result(): HistogramResponse {
    const reports: HistogramResponse['reports'] = {};
    for (const [name, series] of this.series)
      reports[name] = [...series.values()].sort((a, b) => a.timestamp - b.timestamp);
    return { interval: this.interval ?? 'month', reports, success: true };
  }
}

/**
 * One page of a whole series, as the upstream pages it: the bucket list every series shares,
 * oldest first, cut into pages of `perPage`.
 */
export function pageOfSeries(whole: HistogramResponse, page: number, perPage: number): HistogramResponse {
  const starts = [...new Set(Object.values(whole.reports).flatMap((buckets) => buckets.map((b) => b.timestamp)))];
  starts.sort((a, b) => a - b);
  const kept = new Set(starts.slice((page - 1) * perPage, page * perPage));
  const reports: HistogramResponse['reports'] = {};
  for (const [name, buckets] of Object.entries(whole.reports))
    reports[name] = buckets.filter((b) => kept.has(b.timestamp));
  return { ...whole, reports };
}
