/**
 * Exactness does not depend on the estimates: for any set of users (any key shapes, any event
 * counts, any tie order the upstream might use), sweeping to the end counts every user once.
 * The upstream here is a local oracle with the terms endpoint's semantics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceMonth, CallBudget, type FetchTerms } from './advance-month';
import { inRange } from './key-space';
import { initialState, type MonthState } from './month-state';
import { TERMS_SIZE } from './planner';
import { summarize } from './summary';

type Users = Map<string, number>;

function oracle(streams: Users[], ties: 'asc' | 'desc'): { fetch: FetchTerms; calls: () => number } {
  let calls = 0;
  const fetch: FetchTerms = async (range, stream) => {
    calls++;
    const terms = [...streams[stream]]
      .filter(([key]) => inRange(key, range))
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1) * (ties === 'asc' ? 1 : -1))
      .slice(0, TERMS_SIZE);
    return { terms, upstream: true };
  };
  return { fetch, calls: () => calls };
}

const key = fc.oneof(
  fc.integer({ min: 1, max: 2_000_000 }).map(String),
  fc.stringMatching(/^[0-9a-f]{4,12}$/),
  fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', '9', '-', '_'), minLength: 1, maxLength: 6 }),
);
// Sizes spread over the whole range: a few users, about the cap, several times the cap.
const users = fc.integer({ min: 0, max: 900 }).chain((n) =>
  fc.uniqueArray(fc.tuple(key, fc.integer({ min: 1, max: 40 })), {
    selector: ([k]) => k,
    minLength: n,
    maxLength: n,
  }),
);

async function countAll(streams: Users[], ties: 'asc' | 'desc', prior?: MonthState) {
  const { fetch, calls } = oracle(streams, ties);
  const result = await advanceMonth(
    initialState(streams.length, prior),
    fetch,
    new CallBudget(100_000),
    async () => {},
  );
  return {
    count: summarize(result.state),
    calls: calls(),
    spent: result.spent,
    stoppedBy: result.stoppedBy,
    state: result.state,
  };
}

describe('the sweep counts every user exactly once', () => {
  it('for any keys and counts, whichever way the upstream breaks ties', async () => {
    await fc.assert(
      fc.asyncProperty(users, fc.constantFrom<'asc' | 'desc'>('asc', 'desc'), async (list, ties) => {
        const { count, calls, spent, stoppedBy } = await countAll([new Map(list)], ties);
        expect(stoppedBy).toBe('exact');
        expect(count).toMatchObject({ exact: true, lowerBound: list.length });
        expect(spent).toBe(calls);
      }),
      { numRuns: 60 },
    );
  });

  it('for two streams, counting users in both once', async () => {
    await fc.assert(
      fc.asyncProperty(users, users, async (a, b) => {
        const distinct = new Set([...a, ...b].map(([k]) => k)).size;
        const { count } = await countAll([new Map(a), new Map(b)], 'asc');
        expect(count).toMatchObject({ exact: true, lowerBound: distinct });
      }),
      { numRuns: 30 },
    );
  });

  it("starting from an unrelated month's partition, however wrong a guide it is", async () => {
    await fc.assert(
      fc.asyncProperty(users, users, async (before, list) => {
        const { state: prior } = await countAll([new Map(before)], 'asc');
        const { count } = await countAll([new Map(list)], 'asc', prior);
        expect(count).toMatchObject({ exact: true, lowerBound: list.length });
      }),
      { numRuns: 30 },
    );
  });

  it('answers a month under the cap in one call, and one at the cap needs more than one', async () => {
    const under = new Map(Array.from({ length: 99 }, (_, i) => [String(10_000 + i * 7), 1 + (i % 5)] as const));
    expect((await countAll([under], 'asc')).calls).toBe(1);
    const at = new Map([...under, ['99999', 3]]);
    const counted = await countAll([at], 'asc');
    expect(counted.count).toMatchObject({ exact: true, lowerBound: 100 });
    expect(counted.calls).toBeGreaterThan(1);
  });

  it('never spends more than the budget, and the lower bound never overshoots', async () => {
    await fc.assert(
      fc.asyncProperty(users, fc.integer({ min: 1, max: 6 }), async (list, budget) => {
        const { fetch, calls } = oracle([new Map(list)], 'asc');
        const result = await advanceMonth(initialState(1), fetch, new CallBudget(budget), async () => {});
        expect(calls()).toBeLessThanOrEqual(budget);
        const count = summarize(result.state);
        expect(count.lowerBound).toBeLessThanOrEqual(list.length);
        if (count.exact) expect(count.lowerBound).toBe(list.length);
      }),
      { numRuns: 40 },
    );
  });
});
