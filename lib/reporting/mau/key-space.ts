/**
 * The user-id key space as the upstream orders it: `s_` fields compare as strings, code unit
 * by code unit. A key range is [lo, hi) with `null` for an open end, and any set of adjacent
 * ranges that covers the whole space counts every user exactly once, wherever the bounds fall.
 *
 * To *choose* bounds we need arithmetic on keys, so keys map to positions in [0, 1): each
 * character is a digit of a base-B fraction, its rank in an alphabet learned from the keys
 * seen, after a thin slot for "the string ends here", so "105" < "1050" < "106" holds for
 * positions too.
 * Only efficiency depends on this mapping; exactness never does.
 */

export type Bound = string | null;
export type KeyRange = { lo: Bound; hi: Bound };

/** Code-unit order, the order the upstream compares `s_` values in. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function inRange(key: string, range: KeyRange): boolean {
  return (range.lo === null || key >= range.lo) && (range.hi === null || key < range.hi);
}

/** Positions carry about 52 bits: deeper characters would be lost in the float anyway. */
const MAX_DEPTH_BITS = 50;
/**
 * Width of "the string ends here" at each level, against 1 per character. A full slot would
 * leave an empty band at the start of every block ("8" before "80"), which makes ranges that
 * look equally wide hold very different numbers of ids; a sliver keeps the order strict.
 */
const END_SLOT = 1 / 64;

export class KeySpace {
  readonly alphabet: string;
  private readonly base: number;
  private readonly depth: number;
  private readonly rank = new Map<string, number>();

  constructor(alphabet: string, maxKeyLength = 12) {
    const chars = [...new Set(alphabet.split(''))].sort(compareKeys);
    this.alphabet = chars.length > 0 ? chars.join('') : '0123456789';
    [...this.alphabet].forEach((c, i) => this.rank.set(c, i + 1));
    this.base = this.alphabet.length + END_SLOT;
    const precise = Math.floor(MAX_DEPTH_BITS / Math.log2(this.base));
    this.depth = Math.max(2, Math.min(precise, maxKeyLength + 2));
  }

  /** An alphabet covering every character of `keys`, extended from `previous`. */
  static alphabetOf(keys: Iterable<string>, previous = ''): string {
    const chars = new Set(previous.split(''));
    for (const key of keys) for (const c of key) chars.add(c);
    chars.delete('');
    return [...chars].sort(compareKeys).join('');
  }

  /** The key's position in [0, 1); increasing in key order. */
  position(key: string): number {
    let value = 0;
    let width = 1;
    const n = Math.min(key.length, this.depth);
    for (let i = 0; i < n; i++) {
      width /= this.base;
      value += (END_SLOT + this.rankOf(key[i]) - 1) * width;
    }
    return value;
  }

  /** A bound's position: an open lower end is 0, an open upper end 1. */
  boundPosition(bound: Bound, end: 'lo' | 'hi'): number {
    if (bound === null) return end === 'lo' ? 0 : 1;
    return this.position(bound);
  }

  /**
   * A key at about `position`, strictly above `above` (so a part is never empty by
   * construction). Truncating the fraction keeps the key at or below the position.
   */
  keyAt(position: number, above: Bound): string {
    let rest = Math.min(Math.max(position, 0), 1 - Number.EPSILON) * this.base;
    let key = '';
    for (let i = 0; i < this.depth && rest >= END_SLOT; i++) {
      const rank = Math.min(Math.floor(rest - END_SLOT) + 1, this.alphabet.length);
      key += this.alphabet[rank - 1];
      rest = (rest - END_SLOT - (rank - 1)) * this.base;
    }
    if (above !== null && key <= above) return above + this.alphabet[0];
    return key === '' ? this.alphabet[0] : key;
  }

  /** Characters outside the alphabet sit halfway between their neighbours. */
  private rankOf(c: string): number {
    const known = this.rank.get(c);
    if (known !== undefined) return known;
    let below = 0;
    for (const a of this.alphabet) if (a < c) below = this.rank.get(a) ?? below;
    return Math.min(below + 0.5, this.alphabet.length);
  }
}
