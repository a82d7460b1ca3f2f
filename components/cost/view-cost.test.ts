import { describe, expect, it } from 'vitest';
import type { Budget, ResponseMeta } from '@/lib/queries/meta';
import { costWords, viewCalls } from './view-cost';

const byClass = { interactive: 0, live: 0, verification: 0, backfill: 0, mau: 0, background: 0 };
const budget: Budget = {
  minute: { limit: 30, remaining: 27, resetAt: '2025-01-01T00:01:00.000Z', byClass },
  hour: { limit: 300, remaining: 290, resetAt: '2025-01-01T01:00:00.000Z', byClass },
  backoffUntil: null,
  waiting: 0,
};
const meta = (calls: number): ResponseMeta => ({
  cache: 'miss',
  fetchedAt: '',
  ageSeconds: 0,
  budget,
  calls,
  source: 'upstream',
});

describe('view cost', () => {
  it('adds up the calls of every answer once all are in', () => {
    expect(viewCalls([meta(1), meta(2)])).toBe(3);
    expect(viewCalls([meta(1), undefined])).toBeNull();
    expect(viewCalls([meta(0)], 4)).toBe(4);
  });

  it('says it in words', () => {
    expect(costWords(3, budget)).toBe('3 upstream calls · 27 left this minute');
    expect(costWords(1, budget)).toBe('1 upstream call · 27 left this minute');
    expect(costWords(0, budget)).toBe('cached · 0 calls · 27 left this minute');
    expect(costWords(null, undefined)).toBe('Loading…');
  });
});
