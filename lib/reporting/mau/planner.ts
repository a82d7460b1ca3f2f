/**
 * Which key ranges to ask about next. The sweep goes left to right through the open pieces
 * and cuts each next part as wide as the predictions (predictor.ts) allow while keeping every
 * stream safely under the terms cap: a part that comes back below the cap is counted exactly;
 * one that does not becomes an open piece of its own, with its answer as the next sample.
 * A part may span several adjacent open pieces (the small rest of a saturated piece joins the
 * next one), its prediction being the sum of theirs. Pure: state in, parts out.
 */
import { CountStats } from './count-stats';
import { KeySpace, type Bound } from './key-space';
import type { MonthState, OpenPiece, Piece } from './month-state';
import { densityNear, donePiecesNear } from './density';
import { predict, predictUnasked, sortTerms, type PieceContext, type Prediction } from './predictor';
import { PriorModel } from './prior';

/** The terms cap: an answer with this many keys may have been cut off. */
export const TERMS_SIZE = 100;
/** A part is cut so that `mean + Z·sd` stays at or below this many users per stream. */
const SAFE_LIMIT = TERMS_SIZE - 1;
const Z = 1.35;
/** A tail this small is worth a riskier part (about a 1 in 3 chance of saturating, TAIL_Z). */
const SMALL_TAIL = 15;
const TAIL_Z = 0.4;
/** Without any scale yet, a probe takes this share of the piece's sample keys. */
const PROBE_SHARE = 0.08;

export type Part = { lo: Bound; hi: Bound; streams: number[] };

export function keySpaceOf(state: MonthState): KeySpace {
  let longest = 0;
  for (const p of state.prior ?? []) longest = Math.max(longest, p.last?.length ?? 0);
  for (const p of state.pieces) {
    if (p.kind === 'done') longest = Math.max(longest, p.last?.length ?? 0);
    else for (const e of p.streams) for (const t of e?.terms ?? []) longest = Math.max(longest, t.key.length);
  }
  return new KeySpace(state.alphabet, longest);
}

type Slice = { piece: OpenPiece; contexts: PieceContext[] };

/** Up to `max` disjoint parts to query now; [] when the month is done. */
export function nextParts(state: MonthState, max: number): Part[] {
  const space = keySpaceOf(state);
  const stats = state.counts.map((pairs) => new CountStats(pairs));
  const prior = state.prior ? new PriorModel(state.prior, state.pieces, space) : null;
  const parts: Part[] = [];
  for (const run of openRuns(state.pieces)) {
    // Without a prior, a piece nobody has asked about is asked about whole (the month's first call).
    const unasked = run[0].piece.streams.flatMap((e, s) => (e === null ? [s] : []));
    if (unasked.length > 0 && !prior)
      return parts.length > 0 ? parts : [{ lo: run[0].piece.lo, hi: run[0].piece.hi, streams: unasked }];
    const slices: Slice[] = run.map(({ piece, index }) => ({
      piece,
      contexts: piece.streams.map((_, s) => ({
        lo: piece.lo,
        hi: piece.hi,
        space,
        stats: stats[s],
        density: densityNear(state.pieces, index, s, space),
        prior,
        near: prior ? donePiecesNear(state.pieces, index) : undefined,
      })),
    }));
    const end = run[run.length - 1].piece.hi;
    let lo = run[0].piece.lo;
    while (parts.length < max) {
      const cut = chooseBound(slices, lo, end, space);
      parts.push({ lo, hi: cut.hi, streams: streamsOf(slices, lo, cut.hi) });
      // A probe's answer decides everything after it.
      if (cut.probe) return parts;
      if (cut.hi === end) break;
      lo = cut.hi;
    }
    if (parts.length >= max) break;
  }
  return parts;
}

/** Maximal runs of adjacent open pieces, left to right. */
function openRuns(pieces: readonly Piece[]): { piece: OpenPiece; index: number }[][] {
  const runs: { piece: OpenPiece; index: number }[][] = [];
  let current: { piece: OpenPiece; index: number }[] = [];
  pieces.forEach((piece, index) => {
    if (piece.kind === 'open') current.push({ piece, index });
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length > 0) runs.push(current);
  return runs;
}

/** lo < hi, with null as −∞ on the left and +∞ on the right. */
const before = (lo: Bound, hi: Bound) => lo === null || hi === null || lo < hi;
const overlaps = (piece: OpenPiece, lo: Bound, hi: Bound) => before(piece.lo, hi) && before(lo, piece.hi);
const maxLo = (a: Bound, b: Bound) => (a === null ? b : b === null ? a : a > b ? a : b);
const minHi = (a: Bound, b: Bound) => (a === null ? b : b === null ? a : a < b ? a : b);

/** Streams not yet complete somewhere in [lo, hi). */
function streamsOf(slices: readonly Slice[], lo: Bound, hi: Bound): number[] {
  const open = new Set<number>();
  for (const { piece } of slices) {
    if (!overlaps(piece, lo, hi)) continue;
    piece.streams.forEach((e, s) => {
      if (!e || !e.complete) open.add(s);
    });
  }
  return [...open].sort((a, b) => a - b);
}

/** Per stream, the summed prediction for [lo, q) over the slices it crosses; null: no scale. */
function predictSpan(slices: readonly Slice[], lo: Bound, q: Bound): (Prediction | null)[] {
  const streams = slices[0].piece.streams.length;
  const total: (Prediction | null)[] = Array.from({ length: streams }, () => ({ mean: 0, variance: 0, floor: 0 }));
  for (const { piece, contexts } of slices) {
    if (!overlaps(piece, lo, q)) continue;
    const from = maxLo(lo, piece.lo);
    const to = minHi(q, piece.hi);
    piece.streams.forEach((evidence, s) => {
      const sum = total[s];
      const context = { ...contexts[s], lo: from };
      const p = evidence ? predict(evidence, context, to) : predictUnasked(context, to);
      total[s] =
        sum && p ? { mean: sum.mean + p.mean, variance: sum.variance + p.variance, floor: sum.floor + p.floor } : null;
    });
  }
  return total;
}

type Cut = { hi: Bound; probe: boolean };

function chooseBound(slices: readonly Slice[], lo: Bound, end: Bound, space: KeySpace): Cut {
  const safe = (q: Bound) =>
    predictSpan(slices, lo, q).every((p) => p !== null && p.mean + Z * Math.sqrt(p.variance) <= SAFE_LIMIT);
  if (safe(end)) return { hi: end, probe: false };
  const first = slices.find(({ piece }) => overlaps(piece, lo, end));
  const unknown = first ? predictSpan([first], lo, first.piece.hi).findIndex((p) => p === null) : -1;
  if (first && unknown >= 0) return { hi: probeBound(first.piece, unknown, lo, space), probe: true };

  let low = space.boundPosition(lo, 'lo');
  let high = space.boundPosition(end, 'hi');
  let best = space.keyAt(low, lo);
  for (let i = 0; i < 48 && high - low > 1e-15; i++) {
    const mid = (low + high) / 2;
    const q = space.keyAt(mid, lo);
    if (end !== null && q >= end) high = mid;
    else if (safe(q)) {
      best = q;
      low = mid;
    } else high = mid;
  }
  return { hi: absorbsTail(slices, lo, best, end) ? end : best, probe: false };
}

/**
 * Whether to take the rest of the run too: a tail of a few users would cost a call of its own,
 * while a somewhat riskier part costs one extra call only if it does saturate.
 */
function absorbsTail(slices: readonly Slice[], lo: Bound, cut: Bound, end: Bound): boolean {
  const tail = predictSpan(slices, cut, end);
  const whole = predictSpan(slices, lo, end);
  return (
    tail.every((p) => p !== null && p.mean + Z * Math.sqrt(p.variance) <= SMALL_TAIL) &&
    whole.every((p) => p !== null && p.mean + TAIL_Z * Math.sqrt(p.variance) <= SAFE_LIMIT)
  );
}

/**
 * A first part for a stream with no scale yet. With cMin = 1 the answer lists every user up to
 * its tie key, so a part holding 98 of them is known to fit; with cMin = 2 most users are
 * listed (single-event users are the minority), so 40% of the list is a safe guess; otherwise
 * a small share, which if anything comes back too small rather than saturated.
 */
function probeBound(piece: OpenPiece, stream: number, lo: Bound, space: KeySpace): Bound {
  const evidence = piece.streams[stream];
  const terms = sortTerms(evidence?.terms ?? []).filter((t) => lo === null || t.key >= lo);
  let index = Math.max(1, Math.floor(terms.length * PROBE_SHARE));
  if (evidence && !evidence.complete && evidence.cMin <= 2) {
    const listed = terms.filter((t) => t.key <= evidence.tie).length;
    index = evidence.cMin <= 1 ? Math.min(listed, SAFE_LIMIT - 1) : Math.max(index, Math.floor(listed * 0.4));
  }
  if (index >= terms.length) return piece.hi;
  const q = terms[index].key;
  return lo !== null && q <= lo ? space.keyAt(space.position(lo), lo) : q;
}
