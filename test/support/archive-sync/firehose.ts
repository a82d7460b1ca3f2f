/**
 * A synthetic upstream for what the emulator cannot produce: a steady stream of any rate
 * (15,000 events an hour for the benchmark; the emulator's two-year data set tops out far
 * lower), optionally with a share of late arrivals. Event i happens at `start + i · gap`
 * (i ≥ 0) and shows once the clock passes it (plus `lateMs` for every `lateEvery`-th event).
 * It answers only what the sync asks: events between two times, and the catch-all
 * histogram; counts are arithmetic, so a day of history costs nothing to count.
 */
import 'server-only';
import type { Condition } from '@/lib/authy/bracket-codec';
import { eventsQuerySchema, histogramQuerySchema } from '@/lib/authy/schemas';
import { parseInterval } from '@/lib/authy/interval';
import type { FetchLike } from '@/lib/reporting/upstream-client';

export type FirehoseOptions = {
  eventsPerHour: number;
  /** Time of event 0; there is none before. */
  start: number;
  clock: () => number;
  lateEvery?: number;
  lateMs?: number;
};

export type Firehose = {
  fetch: FetchLike;
  /** Events with time in [from, to) that have happened by now, shown or still late. */
  countBetween(from: number, to: number): number;
  requestIdsBetween(from: number, to: number): string[];
};

const NAMES = ['token_verified', 'one_touch_request_responded', 'totp_token_sent', 'token_invalid'] as const;

export function firehose(options: FirehoseOptions): Firehose {
  const gap = 3_600_000 / options.eventsPerHour;
  if (!Number.isInteger(gap)) throw new Error('firehose: choose a rate that gives whole milliseconds between events');
  const { start, clock } = options;
  const lateMs = options.lateEvery ? (options.lateMs ?? 0) : 0;
  const timeOf = (i: number) => start + i * gap;
  const isLate = (i: number) => options.lateEvery !== undefined && i % options.lateEvery === 0;
  /** First index with time ≥ t. */
  const firstAtOrAfter = (t: number) => Math.max(0, Math.ceil((t - start) / gap));
  const happened = (from: number, to: number, now: number): [number, number] => [
    firstAtOrAfter(from),
    Math.max(firstAtOrAfter(from), Math.min(firstAtOrAfter(to), Math.floor((now - start) / gap) + 1)),
  ];
  const shown = (i: number, now: number) => !isLate(i) || timeOf(i) + lateMs <= now;
  /** Shown events in [lo, hi): arithmetic, less the late ones still in flight (only the last lateMs). */
  const shownCount = (lo: number, hi: number, now: number) => {
    let n = hi - lo;
    for (let i = Math.max(lo, firstAtOrAfter(now - lateMs)); i < hi && lateMs > 0; i++) if (!shown(i, now)) n--;
    return n;
  };
  const event = (i: number) => ({
    event: NAMES[i % NAMES.length],
    time: new Date(timeOf(i)).toISOString(),
    request_id: `fh-${i}`,
    objects: { app: { s_id: '1' } },
  });
  const bounds = (conditions: readonly Condition[]) => {
    let from = -Infinity;
    let to = Infinity;
    for (const c of conditions) {
      if (c.attribute !== 'time') throw new Error(`firehose: cannot filter on ${c.attribute}`);
      const t = Date.parse(c.value);
      if (c.operator === 'gte') from = Math.max(from, t);
      else if (c.operator === 'lt') to = Math.min(to, t);
      else throw new Error(`firehose: cannot filter time ${c.operator}`);
    }
    return { from, to };
  };

  const fetch: FetchLike = async (request) => {
    const url = new URL(request.url);
    const now = clock();
    const entries = [...url.searchParams];
    if (url.pathname.endsWith('/events')) {
      const q = eventsQuerySchema().parse(entries);
      const { from, to } = bounds(q.query);
      const [lo, hi] = happened(from, to, now);
      const events = [];
      let skip = (q.page - 1) * q.per_page;
      for (let i = hi - 1; i >= lo && events.length < q.per_page; i--) {
        if (!shown(i, now)) continue;
        if (skip > 0) skip--;
        else events.push(event(i));
      }
      return Response.json({ events, success: true });
    }
    if (url.pathname.endsWith('/date_histogram')) {
      const q = histogramQuerySchema().parse(entries);
      const interval = parseInterval(q.interval);
      if (interval?.kind !== 'fixed' || q.reports.length !== 1)
        throw new Error('firehose: one report, fixed intervals');
      const scope = bounds(q.scope);
      const report = bounds(q.reports[0].conditions);
      const from = Math.max(scope.from, report.from);
      const to = Math.min(scope.to, report.to);
      const buckets = [];
      for (let b = Math.floor(from / interval.ms) * interval.ms; b < to; b += interval.ms) {
        const [lo, hi] = happened(Math.max(b, from), Math.min(b + interval.ms, to), now);
        const count = shownCount(lo, hi, now);
        if (count > 0) buckets.push({ timestamp: b, time: new Date(b).toISOString(), count });
      }
      const page = buckets.slice((q.page - 1) * q.per_page, q.page * q.per_page);
      return Response.json({ interval: q.interval, reports: { [q.reports[0].name]: page }, success: true });
    }
    throw new Error(`firehose: ${url.pathname} is not served`);
  };

  return {
    fetch,
    countBetween(from, to) {
      const [lo, hi] = happened(from, to, clock());
      return hi - lo;
    },
    requestIdsBetween(from, to) {
      const [lo, hi] = happened(from, to, clock());
      return Array.from({ length: hi - lo }, (_, k) => `fh-${lo + k}`);
    },
  };
}
