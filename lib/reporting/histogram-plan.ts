/**
 * Which buckets of a histogram must come from the upstream, and which are known already. The
 * window is cut into pieces, one per bucket (the first and the last may be cut by the window's
 * edges). A piece is known when the bucket store holds it at the asked interval, or holds every
 * piece of a finer interval inside it whose boundaries it shares (hours into days, days into
 * weeks and months; weeks start on Monday, months are calendar months, all UTC): then it is
 * their sum, and it is listed when any of them is. The rest is asked for in runs of adjacent
 * pieces, or as one span over all of them when that takes no more calls. Pure: a lookup in,
 * a layout out.
 */
import { bucketStart, bucketStartsBetween, nextBucketStart, type Interval } from '../authy/interval';
import { SERIES_PER_PAGE } from './histogram-pager';
import type { Piece, PieceAnswer, Span } from './histogram-store';

export type NamedInterval = { name: string; parsed: Interval };

/** What the store knows about a piece at an interval, for every series asked for. */
export type PieceLookup = (interval: NamedInterval, piece: Piece) => PieceAnswer | undefined;

/** A span to ask the upstream for, and the most pages it can need (it holds at most `buckets`). */
export type Run = Span & { buckets: number };

export type HistogramLayout = {
  /** Pieces outside every run that the store answered, in order. */
  known: { start: number; answer: PieceAnswer }[];
  runs: Run[];
};

export class TooManyBuckets extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} buckets`);
  }
}

export function pagesFor(buckets: number): number {
  return Math.max(1, Math.ceil(buckets / SERIES_PER_PAGE));
}

function piecesOf(window: Span, interval: Interval, max: number): Piece[] {
  const starts = bucketStartsBetween(window.from, window.to, interval, max + 1);
  if (starts.length > max) throw new TooManyBuckets(max);
  return starts.map((start) => ({
    start,
    from: Math.max(start, window.from),
    to: Math.min(nextBucketStart(start, interval), window.to),
  }));
}

/** The piece as the sum of finer pieces of `finer`, when it starts on one of them and all are known. */
function rolledUp(piece: Piece, finer: NamedInterval, lookup: PieceLookup): PieceAnswer | undefined {
  if (bucketStart(piece.from, finer.parsed) !== piece.from) return undefined;
  let listed = false;
  let counts: number[] | undefined;
  for (const start of bucketStartsBetween(piece.from, piece.to, finer.parsed)) {
    const part = lookup(finer, { start, from: start, to: Math.min(nextBucketStart(start, finer.parsed), piece.to) });
    if (!part) return undefined;
    listed ||= part.listed;
    counts = counts ? counts.map((c, i) => c + part.counts[i]) : [...part.counts];
  }
  return counts ? { listed, counts } : undefined;
}

export function layoutHistogram(input: {
  window: Span;
  interval: NamedInterval;
  /** Other intervals the store holds for this scope, tried for roll-ups. */
  others: readonly NamedInterval[];
  lookup: PieceLookup;
  maxBuckets: number;
}): HistogramLayout {
  const { interval, others, lookup } = input;
  const pieces = piecesOf(input.window, interval.parsed, input.maxBuckets);
  const answers = pieces.map((piece) => {
    const direct = lookup(interval, piece);
    if (direct) return direct;
    for (const finer of others) {
      const sum = rolledUp(piece, finer, lookup);
      if (sum) return sum;
    }
    return undefined;
  });

  const runs = cheapestRuns(answers.map((answer) => !answer));
  return {
    known: pieces.flatMap((piece, i) => {
      const answer = answers[i];
      return answer && !within(runs, i) ? [{ start: piece.start, answer }] : [];
    }),
    runs: runs.map((r) => runOf(pieces, r)),
  };
}

/**
 * A run cut where the archive holds its buckets (`held`: parts, each answered from one place):
 * the pieces inside a held part become runs the archive answers at no call, one run per part,
 * and the rest stays for the upstream. Remote pieces on both sides of a held part are asked for
 * as one span when that takes no more calls, and the run stays whole when cutting it saves no
 * call.
 */
export function splitAtHeld(run: Run, held: readonly Span[], interval: Interval): Run[] {
  const pieces = piecesOf(run, interval, run.buckets);
  const part = pieces.map((p) => held.findIndex((h) => h.from <= p.from && p.to <= h.to));
  const remote = cheapestRuns(part.map((p) => p < 0));
  if (costOf(remote) >= pagesFor(run.buckets)) return [run];
  const local = spansOf(part.map((p, i) => (within(remote, i) ? -1 : p)));
  return [...remote, ...local].sort((a, b) => a.first - b.first).map((s) => runOf(pieces, s));
}

type IndexSpan = { first: number; last: number };

/**
 * The flagged pieces in runs of adjacent ones, or as one span over all of them (and whatever
 * lies between) when that takes no more calls.
 */
function cheapestRuns(flagged: readonly boolean[]): IndexSpan[] {
  const runs = spansOf(flagged.map((f) => (f ? 0 : -1)));
  if (runs.length < 2) return runs;
  const hull = { first: runs[0].first, last: runs[runs.length - 1].last };
  return costOf([hull]) <= costOf(runs) ? [hull] : runs;
}

/** Maximal runs of consecutive equal labels, leaving out those labelled -1. */
function spansOf(labels: readonly number[]): IndexSpan[] {
  const spans: IndexSpan[] = [];
  labels.forEach((label, i) => {
    if (label < 0) return;
    const open = spans[spans.length - 1];
    if (open && open.last === i - 1 && labels[open.first] === label) open.last = i;
    else spans.push({ first: i, last: i });
  });
  return spans;
}

function within(spans: readonly IndexSpan[], i: number): boolean {
  return spans.some((s) => s.first <= i && i <= s.last);
}

function costOf(spans: readonly IndexSpan[]): number {
  return spans.reduce((calls, s) => calls + pagesFor(s.last - s.first + 1), 0);
}

function runOf(pieces: readonly Piece[], s: IndexSpan): Run {
  return { from: pieces[s.first].from, to: pieces[s.last].to, buckets: s.last - s.first + 1 };
}
