/**
 * Folds a part's terms answers into the month's state: the open piece it was cut from splits
 * into what lies left of the part, the part itself and what lies right of it. The part is done
 * when every stream answered below the cap (then its users are the union of the keys);
 * otherwise it stays open with its answers as evidence. Pure.
 */
import { addCounts } from './count-stats';
import { KeySpace, compareKeys, type Bound } from './key-space';
import type { DonePiece, Evidence, MonthState, OpenPiece, Piece, Term } from './month-state';
import { TERMS_SIZE, type Part } from './planner';
import { sortTerms, termsBelow } from './predictor';

/** What the upstream said about one stream of one part. */
export type StreamAnswer = { stream: number; terms: Term[] };

export function evidenceOf(terms: readonly Term[]): Evidence {
  const sorted = sortTerms(terms);
  if (terms.length < TERMS_SIZE) return { complete: true, terms: sorted };
  const cMin = Math.min(...terms.map((t) => t.count));
  const tie = sorted.filter((t) => t.count === cMin).reduce((max, t) => (t.key > max ? t.key : max), '');
  return { complete: false, terms: sorted, cMin, tie };
}

function restrict(evidence: Evidence | null, lo: Bound, hi: Bound): Evidence | null {
  if (!evidence) return null;
  return { ...evidence, terms: termsBelow(evidence.terms, lo, hi) };
}

/** lo < hi, with null as −∞ on the left and +∞ on the right. */
const before = (lo: Bound, hi: Bound) => lo === null || hi === null || lo < hi;

/**
 * Folds the answers for `part` in. The part may span several adjacent open pieces; if any
 * piece it touches is already done (answers racing each other), the answers are ignored.
 */
export function applyAnswers(state: MonthState, part: Part, answers: readonly StreamAnswer[]): MonthState {
  const touched = state.pieces.flatMap((p, i) => (before(p.lo, part.hi) && before(part.lo, p.hi) ? [i] : []));
  if (touched.length === 0 || touched.some((i) => state.pieces[i].kind !== 'open')) return state;
  const first = state.pieces[touched[0]] as OpenPiece;
  const last = state.pieces[touched[touched.length - 1]] as OpenPiece;
  const covered = touched.map((i) => state.pieces[i] as OpenPiece);
  const streams = first.streams.map((_, s): Evidence | null => {
    const answer = answers.find((a) => a.stream === s);
    if (answer) return evidenceOf(answer.terms);
    // Not asked: complete in every piece it spans, so its users are already known.
    const inherited = covered.map((p) => p.streams[s]);
    if (!inherited.every((e) => e?.complete)) return null;
    return { complete: true, terms: inherited.flatMap((e) => termsBelow(e?.terms ?? [], part.lo, part.hi)) };
  });
  const replaced: Piece[] = [];
  if (first.lo !== part.lo) {
    replaced.push({
      kind: 'open',
      lo: first.lo,
      hi: part.lo,
      streams: first.streams.map((e) => restrict(e, first.lo, part.lo)),
    });
  }
  const done = streams.every((e) => e !== null && e.complete);
  replaced.push(done ? donePiece(part, streams as Evidence[]) : { kind: 'open', lo: part.lo, hi: part.hi, streams });
  if (last.hi !== part.hi) {
    replaced.push({
      kind: 'open',
      lo: part.hi,
      hi: last.hi,
      streams: last.streams.map((e) => restrict(e, part.hi, last.hi)),
    });
  }
  const newKeys = answers.flatMap((a) => a.terms.map((t) => t.key));
  return {
    ...state,
    alphabet: KeySpace.alphabetOf(newKeys, state.alphabet),
    pieces: [...state.pieces.slice(0, touched[0]), ...replaced, ...state.pieces.slice(touched[touched.length - 1] + 1)],
    counts: done
      ? state.counts.map((pairs, s) => addCounts(pairs, streams[s]?.terms.map((t) => t.count) ?? []))
      : state.counts,
  };
}

function donePiece(range: { lo: Bound; hi: Bound }, streams: readonly Evidence[]): DonePiece {
  const keys = [...new Set(streams.flatMap((e) => e.terms.map((t) => t.key)))].sort(compareKeys);
  return {
    kind: 'done',
    lo: range.lo,
    hi: range.hi,
    users: keys.length,
    perStream: streams.map((e) => e.terms.length),
    first: keys[0] ?? null,
    last: keys[keys.length - 1] ?? null,
  };
}
