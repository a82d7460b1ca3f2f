import { describe, expect, it } from 'vitest';
import { budgetResumesAt, hasMeta, staleMark, type Budget, type ResponseMeta } from './meta';

const NOW = Date.parse('2025-03-17T12:00:00.000Z');
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
const byClass = { interactive: 0, live: 0, verification: 0, backfill: 0, mau: 0, background: 0 };
const budget = (minute: number, hour: number, backoffUntil: string | null = null): Budget => ({
  minute: { limit: 30, remaining: minute, resetAt: at(20), byClass },
  hour: { limit: 300, remaining: hour, resetAt: at(1800), byClass },
  backoffUntil,
  waiting: 0,
});

describe('budgetResumesAt', () => {
  it('is null while calls are left', () => {
    expect(budgetResumesAt(budget(3, 100), NOW)).toBeNull();
  });

  it('is the latest of the spent windows and any back-off', () => {
    expect(budgetResumesAt(budget(0, 100), NOW)).toBe(NOW + 20_000);
    expect(budgetResumesAt(budget(0, 0), NOW)).toBe(NOW + 1_800_000);
    expect(budgetResumesAt(budget(5, 100, at(60)), NOW)).toBe(NOW + 60_000);
  });

  it('ignores a back-off that is over', () => {
    expect(budgetResumesAt(budget(5, 100, at(-5)), NOW)).toBeNull();
  });
});

describe('hasMeta', () => {
  it('recognises a reporting answer', () => {
    expect(hasMeta({ terms: [], meta: { cache: 'hit', budget: budget(1, 1) } })).toBe(true);
    expect(hasMeta({ terms: [] })).toBe(false);
    expect(hasMeta(null)).toBe(false);
  });
});

describe('staleMark', () => {
  const meta = (over: Partial<ResponseMeta>): ResponseMeta => ({
    cache: 'stale',
    fetchedAt: at(-180),
    ageSeconds: 180,
    budget: budget(5, 100),
    calls: 0,
    source: 'upstream',
    ...over,
  });

  it('marks a proxy answer served stale, with its age', () => {
    expect(staleMark(meta({}))).toBe('Stale data · 3 minutes old');
    expect(staleMark(meta({ source: 'mixed' }))).toBe('Stale data · 3 minutes old');
  });

  it('marks nothing fresh, nothing loading, and nothing the archive answered', () => {
    expect(staleMark(meta({ cache: 'hit' }))).toBeNull();
    expect(staleMark(undefined)).toBeNull();
    expect(staleMark(meta({ source: 'archive' }))).toBeNull();
  });
});
