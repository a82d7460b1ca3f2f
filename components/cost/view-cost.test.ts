import { describe, expect, it } from 'vitest';
import type { Budget, ResponseMeta } from '@/lib/queries/meta';
import { answeredLocally, archiveBefore, costWords, gapWords, knownFrom, viewCalls } from './view-cost';

const byClass = { interactive: 0, live: 0, verification: 0, backfill: 0, mau: 0, background: 0 };
const budget: Budget = {
  minute: { limit: 30, remaining: 27, resetAt: '2025-01-01T00:01:00.000Z', byClass },
  hour: { limit: 300, remaining: 290, resetAt: '2025-01-01T01:00:00.000Z', byClass },
  backoffUntil: null,
  waiting: 0,
};
const meta = (calls: number, over: Partial<ResponseMeta> = {}): ResponseMeta => ({
  cache: 'miss',
  fetchedAt: '',
  ageSeconds: 0,
  budget,
  calls,
  source: 'upstream',
  ...over,
});
const local = (over: Partial<ResponseMeta> = {}) => meta(0, { source: 'archive', ...over });

describe('view cost', () => {
  it('adds up the calls of every answer once all are in', () => {
    expect(viewCalls({ metas: [meta(1), meta(2)] })).toBe(3);
    expect(viewCalls({ metas: [meta(1), undefined] })).toBeNull();
    expect(viewCalls({ metas: [meta(0)], extra: { calls: 4, local: false } })).toBe(4);
    expect(viewCalls({ metas: [meta(0)], extra: 'loading' })).toBeNull();
  });

  it('says it in words', () => {
    expect(costWords(3, budget)).toBe('3 upstream calls · 27 left this minute');
    expect(costWords(1, budget)).toBe('1 upstream call · 27 left this minute');
    expect(costWords(0, budget)).toBe('cached · 0 calls · 27 left this minute');
    expect(costWords(0, budget, true)).toBe('local · 0 calls · 27 left this minute');
    expect(costWords(null, undefined)).toBe('Loading…');
  });

  it('is local only when every answer came from the archive', () => {
    expect(answeredLocally({ metas: [local(), local()] })).toBe(true);
    expect(answeredLocally({ metas: [local(), meta(0, { cache: 'hit' })] })).toBe(false);
    expect(answeredLocally({ metas: [local(), meta(0, { source: 'mixed' })] })).toBe(false);
    expect(answeredLocally({ metas: [local(), undefined] })).toBe(false);
    expect(answeredLocally({ metas: [] })).toBe(false);
    expect(answeredLocally({ metas: [local()], extra: { calls: 0, local: true } })).toBe(true);
    expect(answeredLocally({ metas: [local()], extra: { calls: 0, local: false } })).toBe(false);
    expect(answeredLocally({ metas: [local()], extra: 'loading' })).toBe(false);
    const answers = { metas: [local(), local()] };
    expect(costWords(viewCalls(answers), budget, answeredLocally(answers))).toBe(
      'local · 0 calls · 27 left this minute',
    );
  });
});

describe('what the view knows', () => {
  it('takes the latest knownFrom of the answers, and none when no answer has one', () => {
    expect(knownFrom([meta(1), local(), undefined])).toBeNull();
    expect(
      knownFrom([
        meta(1, { knownFrom: '2026-09-03T10:00:00.000Z' }),
        local({ knownFrom: '2026-09-03T10:05:00.000Z' }),
        undefined,
      ]),
    ).toBe(Date.parse('2026-09-03T10:05:00.000Z'));
  });

  it('says why the window shows nothing before it, as far as the archive can tell', () => {
    const from = Date.parse('2026-09-03T10:05:00.000Z');
    expect(gapWords(from, true, 'nothing')).toBe(
      'No data before 3 Sep 2026, 10:05 UTC: the API keeps only its last 90 days and the archive holds nothing older.',
    );
    expect(gapWords(from, true, 'off')).toMatch(/and the archive is off\.$/);
    expect(gapWords(from, true, 'partly')).toMatch(
      /the archive, which holds older events, does not cover this whole window yet\.$/,
    );
    const held = (start: string) => ({ mode: 'full', coverage: [{ from: start }] });
    expect(archiveBefore({ mode: 'off', coverage: [] }, from)).toBe('off');
    expect(archiveBefore(held('2024-11-30T00:00:00.000Z'), from)).toBe('partly');
    expect(archiveBefore(held('2026-09-03T10:05:00.000Z'), from)).toBe('nothing');
    expect(archiveBefore(undefined, from)).toBe('nothing');
  });
});
