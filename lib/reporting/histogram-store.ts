/**
 * Histogram answers kept per bucket, so that a later question reuses every bucket already paid
 * for whatever window it was fetched with. Two tiers, per shelf (the scope without its time
 * conditions, and the interval):
 *
 * - Closed buckets: a whole bucket whose end is older than the settle margin never changes
 *   upstream. Kept per series (its conditions, whatever it was named) with the span that was
 *   asked for, because the upstream lists only buckets where the scope matched something: inside
 *   a span that was asked for, a bucket that is not listed is a bucket with nothing in it.
 * - Recent runs: the last answers as they came, with the span they were asked for and until when
 *   they are fresh. They answer the buckets of that span exactly, including a first bucket cut
 *   at the span's start and the open bucket cut at its end (now), for another window with the
 *   same edge: "last 7 days" and "last 30 days" share today's open bucket.
 *
 * In this process's memory only, bounded by the number of buckets held. With Redis shared by
 * replicas each replica keeps its own: another replica asks the upstream as before.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import { sortConditions, type Condition } from '../authy/bracket-codec';
import { nextBucketStart, type Interval } from '../authy/interval';
import type { HistogramResponse } from '../authy/responses';

export type Span = { from: number; to: number };

/** One bucket of a window: where it starts, and the part of it the window holds. */
export type Piece = { start: number; from: number; to: number };

/** What a store knows about one piece: whether the upstream would list it, and each series' count. */
export type PieceAnswer = { listed: boolean; counts: number[] };

/** Disjoint spans in order; adding one merges it with those it touches. */
class SpanSet {
  private spans: Span[] = [];

  add(span: Span): void {
    if (span.from >= span.to) return;
    const kept: Span[] = [];
    let merged = { ...span };
    for (const s of this.spans) {
      if (s.to < merged.from || s.from > merged.to) kept.push(s);
      else merged = { from: Math.min(s.from, merged.from), to: Math.max(s.to, merged.to) };
    }
    kept.push(merged);
    this.spans = kept.sort((a, b) => a.from - b.from);
  }

  covers(span: Span): boolean {
    return this.spans.some((s) => s.from <= span.from && span.to <= s.to);
  }
}

type SeriesBuckets = { covered: SpanSet; counts: Map<number, number> };

/** A run as it came: its span, when it stops being fresh, and its buckets by series signature. */
type Run = { span: Span; freshUntil: number; listed: Set<number>; series: Map<string, Map<number, number>> };

type Shelf = {
  interval: Interval;
  listed: Set<number>;
  series: Map<string, SeriesBuckets>;
  runs: Run[];
};

/** The series of an answer: each report's name in the answer and its signature (its conditions). */
export type SeriesNames = readonly { name: string; signature: string }[];

const RUNS_PER_SHELF = 16;

/** What a series counts, whatever it is named: its conditions in canonical order. */
export function seriesSignature(conditions: readonly Condition[]): string {
  return JSON.stringify(sortConditions(conditions));
}

/** A scope without its time conditions, in canonical order. */
export function scopeKeyOf(conditions: readonly Condition[]): string {
  return JSON.stringify(sortConditions(conditions.filter((c) => c.attribute !== 'time')));
}

/** The buckets of `answer` that overlap `span`: a first bucket cut by the span starts before it. */
function countsOf(answer: HistogramResponse, series: SeriesNames, span: Span, interval: Interval) {
  const listed = new Set<number>();
  const bySignature = new Map<string, Map<number, number>>();
  for (const { name, signature } of series) {
    const counts = new Map<number, number>();
    for (const bucket of answer.reports[name] ?? []) {
      if (bucket.timestamp >= span.to || nextBucketStart(bucket.timestamp, interval) <= span.from) continue;
      listed.add(bucket.timestamp);
      counts.set(bucket.timestamp, bucket.count);
    }
    bySignature.set(signature, counts);
  }
  return { listed, bySignature };
}

function sizeOf(shelf: Shelf): number {
  let size = 1 + shelf.listed.size;
  for (const s of shelf.series.values()) size += s.counts.size;
  for (const r of shelf.runs) size += r.listed.size * (1 + r.series.size);
  return size;
}

export class HistogramBucketStore {
  private readonly shelves: LRUCache<string, Shelf>;
  /** The intervals held per scope, to roll finer buckets up into coarser ones. */
  private readonly intervals = new LRUCache<string, Set<string>>({ max: 10_000 });

  constructor(options: { maxBuckets?: number } = {}) {
    this.shelves = new LRUCache<string, Shelf>({
      maxSize: options.maxBuckets ?? 500_000,
      sizeCalculation: sizeOf,
    });
  }

  /** The intervals this scope has buckets for. */
  intervalsOf(scope: string): string[] {
    return [...(this.intervals.get(scope) ?? [])].filter((interval) => this.shelves.has(shelfKey(scope, interval)));
  }

  /**
   * Keeps the whole closed buckets of `closed` (bucket-aligned, inside what `answer` was asked
   * for) and the answer itself as a recent run over `asked`, fresh until `freshUntil`.
   */
  record(
    scope: string,
    interval: { name: string; parsed: Interval },
    series: SeriesNames,
    answer: HistogramResponse,
    spans: { asked: Span; closed: Span | null; freshUntil: number; now: number },
  ): void {
    const key = shelfKey(scope, interval.name);
    const shelf = this.shelves.get(key) ?? {
      interval: interval.parsed,
      listed: new Set(),
      series: new Map(),
      runs: [],
    };
    const { closed } = spans;
    if (closed && closed.from < closed.to) {
      const { listed, bySignature } = countsOf(answer, series, closed, shelf.interval);
      for (const t of listed) shelf.listed.add(t);
      for (const [signature, counts] of bySignature) {
        let held = shelf.series.get(signature);
        if (!held) shelf.series.set(signature, (held = { covered: new SpanSet(), counts: new Map() }));
        for (const [t, count] of counts) held.counts.set(t, count);
        held.covered.add(closed);
      }
    }
    if (spans.freshUntil > spans.now) {
      const { listed, bySignature } = countsOf(answer, series, spans.asked, shelf.interval);
      const others = shelf.runs.filter(
        (r) => r.freshUntil > spans.now && (r.span.from !== spans.asked.from || r.span.to !== spans.asked.to),
      );
      shelf.runs = [{ span: spans.asked, freshUntil: spans.freshUntil, listed, series: bySignature }, ...others].slice(
        0,
        RUNS_PER_SHELF,
      );
    }
    this.shelves.set(key, shelf);
    const held = this.intervals.get(scope) ?? new Set<string>();
    held.add(interval.name);
    this.intervals.set(scope, held);
  }

  /** One piece at `interval` for every signature, or undefined unless all of them are known. */
  piece(
    scope: string,
    interval: string,
    signatures: readonly string[],
    piece: Piece,
    now: number,
  ): PieceAnswer | undefined {
    const shelf = this.shelves.get(shelfKey(scope, interval));
    if (!shelf) return undefined;
    const whole = piece.from === piece.start && piece.to === nextBucketStart(piece.start, shelf.interval);
    if (whole) {
      const held = signatures.map((s) => shelf.series.get(s));
      if (held.every((s) => s?.covered.covers(piece))) {
        return {
          listed: shelf.listed.has(piece.start),
          counts: held.map((s) => s?.counts.get(piece.start) ?? 0),
        };
      }
    }
    for (const run of shelf.runs) {
      if (run.freshUntil <= now || !holdsPiece(run.span, piece, shelf.interval)) continue;
      const series = signatures.map((s) => run.series.get(s));
      if (series.some((s) => s === undefined)) continue;
      return { listed: run.listed.has(piece.start), counts: series.map((s) => s?.get(piece.start) ?? 0) };
    }
    return undefined;
  }
}

function shelfKey(scope: string, interval: string): string {
  return `${interval}|${scope}`;
}

/** The run's bucket at `piece.start` covered exactly the piece: the same cut at either edge. */
function holdsPiece(span: Span, piece: Piece, interval: Interval): boolean {
  const from = Math.max(piece.start, span.from);
  const to = Math.min(nextBucketStart(piece.start, interval), span.to);
  return from < to && from === piece.from && to === piece.to;
}
