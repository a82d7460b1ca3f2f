import { describe, expect, it, vi } from 'vitest';
import type { UpstreamQuery } from '../authy/schemas';
import { ManualClock } from '@/test/support/fakes';
import { archiveAnswers, windowOf } from './answers';
import type { ArchiveCoverage } from './sync';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

const terms = (conditions: { operator: 'gte' | 'gt' | 'lt' | 'lte' | 'eq'; at: number }[]): UpstreamQuery => ({
  endpoint: 'terms',
  params: {
    field: 'event',
    size: 10,
    scope: conditions.map((c) => ({ attribute: 'time', operator: c.operator, value: iso(c.at) })),
  },
});

/**
 * A sync whose live edge stands at `cursor`, holding everything since `from`; catching up moves
 * it to `reach`; `writes` stands for everything else that changes what it holds.
 */
function fakeSync(cursor: number, options: { from?: number; reach?: number | null } = {}) {
  const state = { cursor, writes: 0 };
  const coverage = async (): Promise<ArchiveCoverage> => ({
    mode: 'full',
    events: [{ from: options.from ?? NOW - 30 * DAY, to: state.cursor }],
    cursor: state.cursor,
    version: `${state.cursor}/${state.writes}`,
  });
  const catchUp = vi.fn(async (until: number) => {
    if (options.reach === null) return false;
    state.cursor = Math.max(state.cursor, Math.min(until, options.reach ?? until));
    return state.cursor >= until;
  });
  const askCatchUp = vi.fn(async () => {});
  // No rollups: the archive holds every event it answers from.
  const rollups = { spans: async () => [], hourly: async () => [], dailyTerms: async () => [] };
  return { state, coverage, catchUp, askCatchUp, touch: vi.fn(), rollups };
}

function answersWith(sync: ReturnType<typeof fakeSync>, clock = new ManualClock(NOW)) {
  const queries = {
    events: vi.fn(),
    histogram: vi.fn(),
    terms: vi.fn(async () => ({ terms: [], success: true as const })),
    distinctUsers: vi.fn(async () => 42),
  };
  const answers = archiveAnswers({
    sync,
    queries,
    appId: 'app_t',
    upstreamRetentionMs: 90 * DAY,
    freshMs: MIN,
    maxStaleMs: 5 * MIN,
    catchUpWaitMs: 100,
    clock,
  });
  return { answers, queries, clock };
}

describe('the archive as a source of answers', () => {
  it('names the parts of a window it holds, up to now and without catching up', async () => {
    const sync = fakeSync(NOW - 5 * MIN, { from: NOW - 30 * DAY });
    const { answers } = answersWith(sync);
    await expect(answers.heldParts(terms([]), { from: NOW - 40 * DAY, to: NOW + DAY })).resolves.toEqual([
      { from: NOW - 30 * DAY, to: NOW - 5 * MIN },
    ]);
    await expect(answers.heldParts(terms([]), { from: NOW - 40 * DAY, to: NOW - 35 * DAY })).resolves.toEqual([]);
    expect(sync.catchUp).not.toHaveBeenCalled();
  });

  it('answers a window it holds, as of now, without catching up', async () => {
    const sync = fakeSync(NOW - 5 * MIN);
    const { answers } = answersWith(sync);
    await expect(
      answers.holds(
        terms([
          { operator: 'gte', at: NOW - DAY },
          { operator: 'lt', at: NOW - HOUR },
        ]),
      ),
    ).resolves.toEqual({ asOf: NOW, stale: false });
    expect(sync.catchUp).not.toHaveBeenCalled();
  });

  it('answers as of the live edge when it is within the freshness allowed', async () => {
    const sync = fakeSync(NOW - 30_000);
    const { answers } = answersWith(sync);
    await expect(answers.holds(terms([{ operator: 'gte', at: NOW - DAY }]))).resolves.toEqual({
      asOf: NOW - 30_000,
      stale: false,
    });
    expect(sync.catchUp).not.toHaveBeenCalled();
  });

  it('answers at once as of a live edge further behind, marked stale, and asks it to catch up once', async () => {
    const sync = fakeSync(NOW - 2 * MIN);
    const { answers, clock } = answersWith(sync);
    const lastDay = terms([{ operator: 'gte', at: NOW - DAY }]);
    await expect(answers.holds(lastDay)).resolves.toEqual({ asOf: NOW - 2 * MIN, stale: true });
    clock.t += 1_000;
    await expect(answers.holds(lastDay)).resolves.toEqual({ asOf: NOW - 2 * MIN, stale: true });
    // One ask until the edge moves: the requests behind it do not ask (nor wait) again.
    expect(sync.askCatchUp).toHaveBeenCalledTimes(1);
    expect(sync.askCatchUp).toHaveBeenCalledWith(NOW);
    expect(sync.catchUp).not.toHaveBeenCalled();
    sync.state.cursor = NOW;
    await expect(answers.holds(lastDay)).resolves.toEqual({ asOf: NOW, stale: false });
  });

  it('waits for the live edge to catch up when it is further behind than an answer may be stale', async () => {
    const sync = fakeSync(NOW - 10 * MIN);
    const { answers } = answersWith(sync);
    await expect(answers.holds(terms([{ operator: 'gte', at: NOW - DAY }]))).resolves.toEqual({
      asOf: NOW,
      stale: false,
    });
    expect(sync.catchUp).toHaveBeenCalledWith(NOW, { maxWaitMs: 100 });
  });

  it('leaves a window to the proxy when the catch-up fails, and does not wait again for a while', async () => {
    const sync = fakeSync(NOW - 10 * MIN, { reach: null });
    const { answers, clock } = answersWith(sync);
    const lastDay = terms([{ operator: 'gte', at: NOW - DAY }]);
    await expect(answers.holds(lastDay)).resolves.toBeNull();
    await expect(answers.holds(lastDay)).resolves.toBeNull();
    expect(sync.catchUp).toHaveBeenCalledTimes(1);
    clock.t += 20_000;
    await answers.holds(lastDay);
    expect(sync.catchUp).toHaveBeenCalledTimes(2);
  });

  it('never holds a window that starts before what it holds', async () => {
    const sync = fakeSync(NOW, { from: NOW - 10 * DAY });
    const { answers } = answersWith(sync);
    await expect(answers.holds(terms([{ operator: 'gte', at: NOW - 11 * DAY }]))).resolves.toBeNull();
    // Without a lower bound the window is the upstream's 90 days: not held either.
    await expect(answers.holds(terms([]))).resolves.toBeNull();
    expect(sync.catchUp).not.toHaveBeenCalled();
  });

  it('bounds an open query to the upstream’s retention, as the upstream does', async () => {
    const sync = fakeSync(NOW, { from: NOW - 400 * DAY });
    const { answers, queries } = answersWith(sync);
    await answers.answer(terms([]) as Extract<UpstreamQuery, { endpoint: 'terms' }>);
    expect(queries.terms).toHaveBeenCalledWith('app_t', {
      field: 'event',
      size: 10,
      scope: [{ attribute: 'time', operator: 'gte', value: iso(NOW - 90 * DAY) }],
    });
  });

  it('knows events from where the held part reaching the upstream’s edge begins', async () => {
    await expect(answersWith(fakeSync(NOW, { from: NOW - 400 * DAY })).answers.knownFrom()).resolves.toBe(
      NOW - 400 * DAY,
    );
    // A copy that does not reach back to the upstream's edge adds nothing.
    await expect(answersWith(fakeSync(NOW, { from: NOW - 10 * DAY })).answers.knownFrom()).resolves.toBe(
      NOW - 90 * DAY,
    );
  });

  it('computes an answer once per version of what it holds, for every asker at once', async () => {
    const sync = fakeSync(NOW - 30_000);
    const { answers, queries } = answersWith(sync);
    const lastDay = terms([{ operator: 'gte', at: NOW - DAY }]) as Extract<UpstreamQuery, { endpoint: 'terms' }>;
    await Promise.all([answers.answer(lastDay), answers.answer(lastDay), answers.answer(lastDay)]);
    await answers.answer(lastDay);
    expect(queries.terms).toHaveBeenCalledTimes(1);
    // Anything written since (late events, a repair) makes it a new question.
    sync.state.writes += 1;
    await answers.answer(lastDay);
    expect(queries.terms).toHaveBeenCalledTimes(2);
    // So does the live edge moving.
    sync.state.cursor += 60_000;
    await answers.answer(lastDay);
    expect(queries.terms).toHaveBeenCalledTimes(3);
  });

  it('does not keep an answer that failed', async () => {
    const { answers, queries } = answersWith(fakeSync(NOW - 30_000));
    const lastDay = terms([{ operator: 'gte', at: NOW - DAY }]) as Extract<UpstreamQuery, { endpoint: 'terms' }>;
    queries.terms.mockRejectedValueOnce(new Error('database is locked'));
    await expect(answers.answer(lastDay)).rejects.toThrow('database is locked');
    await expect(answers.answer(lastDay)).resolves.toEqual({ terms: [], success: true });
    expect(queries.terms).toHaveBeenCalledTimes(2);
  });

  it('counts distinct users only over a window it holds', async () => {
    const { answers } = answersWith(fakeSync(NOW, { from: NOW - 30 * DAY }));
    await expect(answers.distinctUsers(NOW - 20 * DAY, NOW - 10 * DAY)).resolves.toBe(42);
    await expect(answers.distinctUsers(NOW - 40 * DAY, NOW - 10 * DAY)).resolves.toBeNull();
  });
});

describe('a query’s time window', () => {
  it('intersects every time condition, inclusive and exclusive bounds alike', () => {
    expect(
      windowOf(
        terms([
          { operator: 'gt', at: 1_000 },
          { operator: 'gte', at: 500 },
          { operator: 'lte', at: 5_000 },
          { operator: 'lt', at: 9_000 },
        ]),
        NOW,
        DAY,
      ),
    ).toEqual({ from: 1_001, to: 5_001 });
  });

  it('runs from the upstream’s retention to now without bounds', () => {
    expect(windowOf(terms([]), NOW, DAY)).toEqual({ from: NOW - DAY, to: NOW });
  });
});
