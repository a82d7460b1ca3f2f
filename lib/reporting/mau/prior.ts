/**
 * A neighbouring month's finished partition as a prior for this one: how many users it had in
 * any key range (spread evenly over each of its pieces' key positions), scaled by the ratio
 * measured so far between this month's counted pieces and the neighbour's. Most users active in
 * one month are active in the next, so this predicts both the density and its jumps (where
 * runs of ids change length, where the ids end) before a single call is made.
 */
import { compareKeys, type Bound, type KeySpace } from './key-space';
import type { DonePiece, Piece } from './month-state';
import type { Estimate } from './predictor';

/** Pseudo-users behind the initial guess that this month looks like the neighbour (ratio 1). */
const PRIOR_WEIGHT = 50;
/** How much the ratio varies along the key space (new ids, departed ones), relative. */
const LOCAL_DRIFT = 0.1;

type Span = { from: number; to: number; users: number; at: string | null };

export class PriorModel {
  private readonly spans: Span[];
  readonly ratio: number;
  private readonly ratioVariance: number;

  constructor(
    prior: readonly DonePiece[],
    pieces: readonly Piece[],
    private readonly space: KeySpace,
  ) {
    this.spans = prior.map((p) => {
      const lo = p.lo ?? p.first;
      const hi = p.hi ?? p.last;
      const from = lo === null ? 0 : space.position(lo);
      const to = hi === null ? from : space.position(hi);
      return { from, to: Math.max(from, to), users: p.perStream[0] ?? p.users, at: p.first };
    });
    let counted = 0;
    let expected = 0;
    for (const piece of pieces) {
      if (piece.kind !== 'done') continue;
      counted += piece.perStream[0] ?? piece.users;
      expected += this.users(piece.lo, piece.hi);
    }
    this.ratio = (counted + PRIOR_WEIGHT) / (expected + PRIOR_WEIGHT);
    this.ratioVariance = 1 / (counted + PRIOR_WEIGHT);
  }

  /** The neighbour's users in [lo, hi). */
  users(lo: Bound, hi: Bound): number {
    const a = lo === null ? -Infinity : this.space.position(lo);
    const b = hi === null ? Infinity : this.space.position(hi);
    let total = 0;
    for (const span of this.spans) {
      if (span.to <= span.from) {
        // A piece whose users sit at one key: in or out.
        const inside =
          span.at !== null &&
          (lo === null || compareKeys(span.at, lo) >= 0) &&
          (hi === null || compareKeys(span.at, hi) < 0);
        if (inside) total += span.users;
        continue;
      }
      const overlap = Math.min(b, span.to) - Math.max(a, span.from);
      if (overlap > 0) total += (span.users * overlap) / (span.to - span.from);
    }
    return total;
  }

  /**
   * This month's users in [lo, hi), predicted. Near counted pieces (`near`, the done pieces
   * around the range) the ratio is measured locally: growth is not even along the key space,
   * the newest ids having no users at all in an older month.
   */
  predict(lo: Bound, hi: Bound, near: readonly Piece[] = []): Estimate {
    let counted = 0;
    let expected = 0;
    for (const piece of near) {
      if (piece.kind !== 'done') continue;
      counted += piece.perStream[0] ?? piece.users;
      expected += this.users(piece.lo, piece.hi);
    }
    const ratio = (counted + PRIOR_WEIGHT * this.ratio) / (expected + PRIOR_WEIGHT);
    const mean = ratio * this.users(lo, hi);
    const ratioVariance = Math.min(this.ratioVariance, 1 / (counted + PRIOR_WEIGHT));
    return { mean, variance: mean + mean * mean * (ratioVariance + LOCAL_DRIFT * LOCAL_DRIFT) };
  }
}
