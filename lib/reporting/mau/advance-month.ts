/**
 * Spends calls on one month until it is exact, the request's budget is gone or the upstream
 * refuses. Parts planned together go out together (they are disjoint, so their answers fold
 * in independently); the state after each round is handed to `save`, so a crash or a 429 loses
 * at most the round in flight.
 */
import { applyAnswers, type StreamAnswer } from './apply-answer';
import type { KeyRange } from './key-space';
import { isExact, type MonthState, type OpenPiece, type Term } from './month-state';
import { nextParts, type Part } from './planner';

/** One terms question: the users of `stream` in `range`; `upstream` is false for a cache hit. */
export type FetchTerms = (range: KeyRange, stream: number) => Promise<{ terms: Term[]; upstream: boolean }>;

/** Calls this request may still make, shared by every month it computes. */
export class CallBudget {
  constructor(public remaining: number) {}
  spend(calls: number): void {
    this.remaining = Math.max(0, this.remaining - calls);
  }
}

export type Advance = {
  state: MonthState;
  /** Upstream calls made for this month in this request. */
  spent: number;
  stoppedBy: 'exact' | 'budget' | 'error';
  error?: unknown;
};

/** Parts asked for at once: enough to overlap latency, few enough to keep learning between rounds. */
const ROUND = 1;

export async function advanceMonth(
  initial: MonthState,
  fetchTerms: FetchTerms,
  budget: CallBudget,
  save: (state: MonthState) => Promise<void>,
): Promise<Advance> {
  let state = initial;
  let spent = 0;
  while (!isExact(state)) {
    const streamsPerPart = Math.max(1, state.counts.length);
    const room = Math.min(ROUND, Math.floor(budget.remaining / streamsPerPart));
    // The request's last call, in a month started from its neighbour's partition, asks the part
    // not yet looked at as a whole: its answer is the sample an estimate of the rest needs.
    const last = room > 0 && budget.remaining < 2 * streamsPerPart ? wholeUnaskedPiece(state) : null;
    const parts = last ? [last] : room > 0 ? nextParts(state, room) : [];
    if (parts.length === 0) return { state, spent, stoppedBy: 'budget' };
    const settled = await Promise.allSettled(parts.map((part) => askPart(part, fetchTerms)));
    let calls = 0;
    let failure: unknown;
    settled.forEach((result, i) => {
      if (result.status === 'rejected') {
        failure ??= result.reason;
        return;
      }
      calls += result.value.calls;
      state = applyAnswers(state, parts[i], result.value.answers);
    });
    // A failed part may still have spent calls on its other streams; count it as spent.
    const failedCalls = settled.filter((r) => r.status === 'rejected').length;
    spent += calls + failedCalls;
    budget.spend(calls + failedCalls);
    state = { ...state, calls: state.calls + calls + failedCalls };
    await save(state);
    if (failure !== undefined) return { state, spent, stoppedBy: 'error', error: failure };
  }
  return { state, spent, stoppedBy: 'exact' };
}

/** The widest piece nobody has asked about, asked whole; null when there is none. */
function wholeUnaskedPiece(state: MonthState): Part | null {
  const unasked = state.pieces.filter((p): p is OpenPiece => p.kind === 'open' && p.streams.every((e) => e === null));
  if (!state.prior || unasked.length === 0) return null;
  const piece = unasked[unasked.length - 1];
  return { lo: piece.lo, hi: piece.hi, streams: piece.streams.map((_, s) => s) };
}

async function askPart(part: Part, fetchTerms: FetchTerms): Promise<{ answers: StreamAnswer[]; calls: number }> {
  const replies = await Promise.all(part.streams.map((stream) => fetchTerms(part, stream)));
  return {
    answers: replies.map((reply, i) => ({ stream: part.streams[i], terms: reply.terms })),
    calls: replies.filter((reply) => reply.upstream).length,
  };
}
