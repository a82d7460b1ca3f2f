/**
 * What a month's state says about its active users: exact when every piece is done;
 * otherwise a lower bound (users actually seen) and, once some users have been counted to give
 * a scale, an estimate with a 95% interval from the open pieces' own answers. Pure.
 */
import { CountStats } from './count-stats';
import type { KeySpace } from './key-space';
import type { Evidence, MonthState, OpenPiece } from './month-state';
import { keySpaceOf } from './planner';
import { combine, predict, type Estimate } from './predictor';
import { PriorModel } from './prior';

export type MonthCount = {
  exact: boolean;
  /** Users counted in done pieces plus distinct users seen in open ones: certainly active. */
  lowerBound: number;
  /** Null when exact, or when nothing has been counted yet to scale the open pieces by. */
  estimate: number | null;
  estimateLow: number | null;
  estimateHigh: number | null;
};

const Z95 = 1.96;

export function summarize(state: MonthState): MonthCount {
  let counted = 0;
  let seen = 0;
  let streamSum = 0;
  const open: OpenPiece[] = [];
  for (const piece of state.pieces) {
    if (piece.kind === 'done') {
      counted += piece.users;
      streamSum += piece.perStream.reduce((a, b) => a + b, 0);
    } else {
      open.push(piece);
      seen += new Set(piece.streams.flatMap((e) => e?.terms.map((t) => t.key) ?? [])).size;
    }
  }
  const lowerBound = counted + seen;
  if (open.length === 0) return { exact: true, lowerBound, estimate: null, estimateLow: null, estimateHigh: null };

  const space = keySpaceOf(state);
  const stats = state.counts.map((pairs) => new CountStats(pairs));
  // Several streams overlap (a user may verify a token and approve a push): scale their sum
  // by the overlap measured where everything was counted.
  const overlap = streamSum > 0 ? counted / streamSum : 1;
  const prior = state.prior ? new PriorModel(state.prior, state.pieces, space) : null;
  let mean = counted;
  let variance = 0;
  for (const piece of open) {
    const floor = new Set(piece.streams.flatMap((e) => e?.terms.map((t) => t.key) ?? [])).size;
    let pieceMean = 0;
    let pieceVariance = 0;
    for (const [s, evidence] of piece.streams.entries()) {
      const fromPrior = priorEstimate(prior, piece);
      // With a neighbour's partition too, both say something; early on the answer's scale is rough.
      const p = evidence
        ? combine(openPieceEstimate(evidence, piece, { space, stats: stats[s] }), fromPrior)
        : fromPrior;
      if (!p) return { exact: false, lowerBound, estimate: null, estimateLow: null, estimateHigh: null };
      pieceMean += p.mean;
      pieceVariance += p.variance;
    }
    const scale = piece.streams.length > 1 ? overlap : 1;
    mean += Math.max(floor, pieceMean * scale);
    variance += pieceVariance * scale * scale;
  }
  const estimate = Math.max(lowerBound, Math.round(mean));
  const spread = Z95 * Math.sqrt(variance);
  return {
    exact: false,
    lowerBound,
    estimate,
    estimateLow: Math.max(lowerBound, Math.floor(mean - spread)),
    estimateHigh: Math.max(estimate, Math.ceil(mean + spread)),
  };
}

/**
 * Scaling an open piece by its listed users rests on activity not depending on the id, which
 * generated and real data may both break a little (old accounts can be busier). A systematic
 * error on top of the sampling error keeps the interval honest. The counted density is not
 * used here: carried across the whole key space it can be off by a factor (runs of ids of
 * different lengths interleave), which is fine for sizing the next part but not for a total.
 */
const ANSWER_BIAS = 0.25;

function openPieceEstimate(
  evidence: Evidence,
  piece: OpenPiece,
  ctx: { space: KeySpace; stats: CountStats },
): Estimate | null {
  const p = predict(
    evidence,
    { lo: piece.lo, hi: piece.hi, space: ctx.space, stats: ctx.stats, density: null },
    piece.hi,
  );
  if (!p || p.variance === 0) return p;
  return { mean: p.mean, variance: p.variance + (ANSWER_BIAS * p.mean) ** 2 };
}

/**
 * How far this month may differ from its neighbour in a range, relative. The ratio measured on
 * the pieces counted so far is no guide for the rest: growth is uneven along the key space (the
 * newest ids, swept first, have no users at all in the older of two months).
 */
const PRIOR_BIAS = 0.3;

/** What the neighbouring month had in a piece not counted yet, if there is a neighbour. */
function priorEstimate(prior: PriorModel | null, piece: OpenPiece): Estimate | null {
  if (!prior) return null;
  const mean = prior.users(piece.lo, piece.hi);
  return { mean, variance: mean + (PRIOR_BIAS * mean) ** 2 };
}
