/**
 * How many users of one stream lie in [lo, q) of an open piece: a mean, a variance and a
 * floor (users already known to be there). Two sources, combined by their variances:
 *
 * - The piece's own saturated answer. Below its tie key it lists every user with at least
 *   `cMin` events (with `cMin` = 1 that is everyone: a count, not an estimate); above it, every
 *   user with more than `cMin`, which scaled by the measured share of such users (count-stats)
 *   estimates the rest, spread between those keys.
 * - The density of users per unit of key position in the counted pieces next to it: ids are
 *   handed out in runs, so where the neighbours were dense, this piece is likely dense too.
 */
import type { CountStats } from './count-stats';
import { compareKeys, type Bound, type KeySpace } from './key-space';
import type { Evidence, Piece, Term } from './month-state';
import type { PriorModel } from './prior';

export type Prediction = { mean: number; variance: number; floor: number };

/** Users per unit of position near a piece, and how many users that was measured on. */
export type Density = { perUnit: number; users: number };

/**
 * How far the share of users above a count may differ here from where it was measured (the
 * first ranges counted can be all new accounts, each with just its sign-up events), relative.
 */
const SHARE_BIAS = 0.12;
/** Drift of the density between neighbouring ranges, as a relative standard deviation. */
const DENSITY_DRIFT = 0.05;

export type PieceContext = {
  lo: Bound;
  hi: Bound;
  space: KeySpace;
  stats: CountStats;
  density: Density | null;
  /** A neighbouring month's partition, for pieces not asked about yet. */
  prior?: PriorModel | null;
  /** Counted pieces around this one, where the prior's ratio is measured. */
  near?: readonly Piece[];
};

/** Terms with lo ≤ key < q (terms sorted by key). */
export function termsBelow(terms: readonly Term[], lo: Bound, q: Bound): Term[] {
  return terms.filter((t) => (lo === null || t.key >= lo) && (q === null || t.key < q));
}

export function sortTerms(terms: readonly Term[]): Term[] {
  return [...terms].sort((a, b) => compareKeys(a.key, b.key));
}

/** Prediction for [ctx.lo, q) of a piece nobody has asked about: from the prior, if there is one. */
export function predictUnasked(ctx: PieceContext, q: Bound): Prediction | null {
  if (!ctx.prior) return null;
  // The prior already carries the neighbours' density (its ratio is measured near here), and
  // knows where the density changes, which the neighbours' alone does not.
  return { ...ctx.prior.predict(ctx.lo, q, ctx.near ?? []), floor: 0 };
}

/** Prediction for [ctx.lo, q); null when nothing gives a scale yet. */
export function predict(evidence: Evidence, ctx: PieceContext, q: Bound): Prediction | null {
  const inside = termsBelow(evidence.terms, ctx.lo, q);
  if (evidence.complete) return { mean: inside.length, variance: 0, floor: inside.length };
  const combined = combine(fromSaturated(evidence, ctx, q, inside), fromNeighbours(ctx, q));
  if (!combined) return null;
  return { ...combined, mean: Math.max(combined.mean, inside.length), floor: inside.length };
}

export type Estimate = { mean: number; variance: number };

/** Two independent estimates of one count, weighted by their variances. */
export function combine(a: Estimate | null, b: Estimate | null): Estimate | null {
  if (!a || !b) return a ?? b;
  if (a.variance === 0 || b.variance === 0) return a.variance === 0 ? a : b;
  const wa = 1 / a.variance;
  const wb = 1 / b.variance;
  return { mean: (a.mean * wa + b.mean * wb) / (wa + wb), variance: 1 / (wa + wb) };
}

/**
 * The saturated answer's estimate. Seeing k listed keys in a stretch where each user is listed
 * with probability p says the stretch holds about k/p users, give or take √(k+1)·√(1−p)/p: the
 * +1 keeps a stretch with no listed key from being taken for a certainly empty one, while
 * still saying "probably few" when p is large.
 */
function fromSaturated(
  evidence: Extract<Evidence, { complete: false }>,
  ctx: PieceContext,
  q: Bound,
  inside: readonly Term[],
): Estimate | null {
  const { stats } = ctx;
  // Up to the tie key: every user with at least cMin events is listed.
  const listed = inside.filter((t) => t.key <= evidence.tie).length;
  const g = stats.atLeast(evidence.cMin);
  const gKnown = evidence.cMin <= 1 || stats.usable;
  // Above it: users with more than cMin events, a sample of everyone at rate f.
  const sampleFrom: Bound = ctx.lo !== null && ctx.lo > evidence.tie ? ctx.lo : evidence.tie;
  const reachesPastTie = q === null || q > sampleFrom;
  const sample = evidence.terms.filter((t) => t.count > evidence.cMin && t.key > sampleFrom);
  const sampled = reachesPastTie ? interpolatedRank(sample, sampleFrom, ctx.hi, q, ctx.space) : 0;
  const f = stats.above(evidence.cMin);
  if (!gKnown || (reachesPastTie && !stats.usable)) return null;
  const listedMean = listed / g;
  const part = sampled / f;
  const shareError = (share: number) => (share >= 1 ? 0 : stats.relativeVariance(share) + SHARE_BIAS * SHARE_BIAS);
  let variance = ((listed + 1) * (1 - g)) / (g * g) + listedMean * listedMean * shareError(g);
  if (reachesPastTie) variance += ((sampled + 1) * (1 - f)) / (f * f) + part * part * shareError(f);
  return { mean: listedMean + part, variance };
}

/**
 * How many sample keys lie below q, smoothed between keys: the i-th key (0-based) counts as
 * i + ½, the range's ends as 0 and the number of keys, linear in position in between.
 */
function interpolatedRank(sample: readonly Term[], from: Bound, hi: Bound, q: Bound, space: KeySpace): number {
  const k = sample.length;
  if (k === 0) return 0;
  if (q === null || (hi !== null && q >= hi)) return k;
  const at = space.position(q);
  const start = space.boundPosition(from, 'lo');
  if (at <= start) return 0;
  const points: [number, number][] = [[start, 0]];
  sample.forEach((t, i) => points.push([space.position(t.key), i + 0.5]));
  points.push([space.boundPosition(hi, 'hi'), k]);
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (at <= x1) {
      const [x0, y0] = points[i - 1];
      return x1 > x0 ? y0 + ((y1 - y0) * (at - x0)) / (x1 - x0) : y0;
    }
  }
  return k;
}

/** The neighbours' density carried over [ctx.lo, q). */
export function fromNeighbours(ctx: PieceContext, q: Bound): Estimate | null {
  const { density, space } = ctx;
  if (!density || density.users === 0) return null;
  const lo = ctx.lo === null ? 0 : space.position(ctx.lo);
  const hi = q === null ? space.boundPosition(ctx.hi, 'hi') : space.position(q);
  const mean = Math.max(0, hi - lo) * density.perUnit;
  const relative = 1 / density.users + DENSITY_DRIFT * DENSITY_DRIFT;
  return { mean, variance: mean + mean * mean * relative };
}
