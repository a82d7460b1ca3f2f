/**
 * Posting lists: for each code of a coded column, the ascending indexes of the events that
 * have it (CSR layout: one positions array, one offsets array). They turn "how many events
 * of kind X in [a, b)" into two binary searches, so a histogram's cost follows its buckets,
 * not the events under them.
 */

export type Postings = {
  /** Events with code c (shifted, as in code columns) are positions[offsets[c] .. offsets[c + 1]). */
  offsets: Int32Array;
  positions: Int32Array;
};

export function buildPostings(codes: Int32Array, cardinality: number): Postings {
  const offsets = new Int32Array(cardinality + 2);
  for (let i = 0; i < codes.length; i++) offsets[codes[i] + 1]++;
  for (let c = 1; c < offsets.length; c++) offsets[c] += offsets[c - 1];
  const cursor = offsets.slice(0, cardinality + 1);
  const positions = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) positions[cursor[codes[i]]++] = i;
  return { offsets, positions };
}

/** First k in [lo, hi) with positions[k] >= index. */
export function firstAtOrAfter(positions: Int32Array, index: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds to counts[b] the events with code `code` in each [bounds[b], bounds[b + 1]). */
export function addCodeCounts(postings: Postings, code: number, bounds: readonly number[], counts: Int32Array): void {
  const { positions, offsets } = postings;
  const end = offsets[code + 1];
  let at = firstAtOrAfter(positions, bounds[0], offsets[code], end);
  for (let b = 0; b + 1 < bounds.length && at < end; b++) {
    const next = firstAtOrAfter(positions, bounds[b + 1], at, end);
    counts[b] += next - at;
    at = next;
  }
}
