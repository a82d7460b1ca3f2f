/**
 * How many events a counted user had in the month, per stream. A saturated terms answer
 * lists every user above its smallest count `cMin`; knowing what share of all users lies above
 * a count (measured on the users already counted exactly) turns that list into an estimate of
 * everyone in the range. Activity does not depend on the id, so the share carries over.
 */

/** Below this many counted users the shares are too rough to scale anything with. */
export const MIN_COUNTED = 20;

export class CountStats {
  readonly n: number;
  private readonly sorted: [number, number][];

  constructor(pairs: readonly [number, number][]) {
    this.sorted = [...pairs].sort((a, b) => a[0] - b[0]);
    this.n = this.sorted.reduce((sum, [, users]) => sum + users, 0);
  }

  get usable(): boolean {
    return this.n >= MIN_COUNTED;
  }

  /** Share of users with more than `c` events, smoothed so it is never 0 or 1. */
  above(c: number): number {
    let users = 0;
    for (const [count, n] of this.sorted) if (count > c) users += n;
    return (users + 0.5) / (this.n + 1);
  }

  /** Share of users with at least `c` events; every counted user has at least one. */
  atLeast(c: number): number {
    return c <= 1 ? 1 : this.above(c - 1);
  }

  /** Relative variance of a share `p` measured on `n` users (binomial). */
  relativeVariance(p: number): number {
    return p >= 1 ? 0 : (1 - p) / (p * Math.max(this.n, 1));
  }
}

/** Adds the per-user counts of a finished piece to a stream's histogram. */
export function addCounts(pairs: [number, number][], counts: readonly number[]): [number, number][] {
  const map = new Map(pairs);
  for (const c of counts) map.set(c, (map.get(c) ?? 0) + 1);
  return [...map].sort((a, b) => a[0] - b[0]);
}
