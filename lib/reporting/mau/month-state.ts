/**
 * Everything known about one month's count, as it is persisted between requests: the key
 * space cut into adjacent pieces, each either done (every user in it counted) or open (what its
 * saturated answers revealed). A request loads this, spends some calls, and saves it back, so a
 * month that ran out of budget continues exactly where it stopped, after a restart too.
 */
import { z } from 'zod';
import type { Bound } from './key-space';

export type Term = { key: string; count: number };

/**
 * One stream's answer for an open piece. `complete`: every user of the stream in the piece.
 * Otherwise the answer was cut at `size`: it lists every user whose count is above `cMin`,
 * and those with exactly `cMin` up to key `tie` (terms are ordered by count, then by key).
 */
export type Evidence =
  { complete: true; terms: Term[] } | { complete: false; terms: Term[]; cMin: number; tie: string };

export type DonePiece = {
  kind: 'done';
  lo: Bound;
  hi: Bound;
  users: number;
  perStream: number[];
  /** Smallest and largest key counted, so the open ends of the key space have a width. */
  first: string | null;
  last: string | null;
};

/** `streams[i]` is null until stream i has been asked about this piece. */
export type OpenPiece = { kind: 'open'; lo: Bound; hi: Bound; streams: (Evidence | null)[] };

export type Piece = DonePiece | OpenPiece;

export type MonthState = {
  v: 1;
  /** Characters seen in keys: the digits of key positions (key-space.ts). */
  alphabet: string;
  /** Sorted and adjacent: the first starts at null (−∞), the last ends at null (+∞). */
  pieces: Piece[];
  /** Per stream: how many counted users had each per-user event count (`[count, users]`). */
  counts: [number, number][][];
  /** Upstream calls spent on this month so far, across requests. */
  calls: number;
  /**
   * A neighbouring month's finished partition (one stream): where its users were. Months
   * overlap heavily, so it sizes this month's first parts without asking the whole month first.
   */
  prior?: DonePiece[];
};

export function initialState(streams: number, prior?: MonthState): MonthState {
  const usable = prior && streams === 1 && prior.counts.length === 1 && isExact(prior) ? prior : undefined;
  return {
    v: 1,
    alphabet: usable?.alphabet ?? '',
    pieces: [{ kind: 'open', lo: null, hi: null, streams: Array.from({ length: streams }, () => null) }],
    counts: Array.from({ length: streams }, () => []),
    calls: 0,
    ...(usable && { prior: usable.pieces as DonePiece[] }),
  };
}

export function isExact(state: MonthState): boolean {
  return state.pieces.every((p) => p.kind === 'done');
}

const bound = z.string().nullable();
const donePiece = z.object({
  kind: z.literal('done'),
  lo: bound,
  hi: bound,
  users: z.number().int().nonnegative(),
  perStream: z.array(z.number().int().nonnegative()),
  first: bound,
  last: bound,
});
const term = z.object({ key: z.string(), count: z.number().int().nonnegative() });
const evidence = z.union([
  z.object({ complete: z.literal(true), terms: z.array(term) }),
  z.object({ complete: z.literal(false), terms: z.array(term), cMin: z.number().int(), tie: z.string() }),
]);

/** What comes back from the store is checked, not trusted: a bad row means starting over. */
export const monthStateSchema: z.ZodType<MonthState> = z.object({
  v: z.literal(1),
  alphabet: z.string(),
  pieces: z.array(
    z.discriminatedUnion('kind', [
      donePiece,
      z.object({ kind: z.literal('open'), lo: bound, hi: bound, streams: z.array(evidence.nullable()) }),
    ]),
  ),
  counts: z.array(z.array(z.tuple([z.number().int(), z.number().int()]))),
  calls: z.number().int().nonnegative(),
  prior: z.array(donePiece).optional(),
});
