/**
 * Seeded randomness. The generator draws from one stream, so a seed fixes the whole data
 * set; identifiers are stateless hashes of (seed, index), so they never shift when the
 * generator's draw order changes and can be recomputed for any event on demand.
 */

export type Random = () => number;

/** mulberry32: tiny, fast and good enough for synthetic traffic. Returns [0, 1). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A 32-bit mix of two integers (murmur3's finalizer over a combined word). */
export function hash32(a: number, b: number): number {
  let h = (Math.imul(a | 0, 0x9e3779b1) ^ Math.imul((b | 0) + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `length` lowercase hex digits derived from (seed, salt, index). */
export function hashHex(seed: number, salt: number, index: number, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += hash32(hash32(seed, salt * 7919 + round), index)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

export function randomInt(random: Random, min: number, maxInclusive: number): number {
  return min + Math.floor(random() * (maxInclusive - min + 1));
}

/** A standard normal draw (Box-Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Picks indexes with the given weights in O(log n) per draw. */
export function weightedPicker(weights: readonly number[]): (random: Random) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    cumulative[i] = total;
  });
  return (random) => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Picks among labelled choices: `pick(random, [['a', 3], ['b', 1]])`. */
export function choose<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of choices) total += weight;
  let target = random() * total;
  for (const [value, weight] of choices) {
    target -= weight;
    if (target < 0) return value;
  }
  return choices[choices.length - 1][0];
}
