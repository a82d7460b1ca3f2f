import { describe, expect, it } from 'vitest';
import type { Budget } from '@/lib/queries/meta';
import type { MauMonth } from '@/lib/mau/types';
import { mauOutlook } from './mau-outlook';

const NOW = Date.parse('2026-11-15T12:00:00Z');
const byClass = { interactive: 0, live: 0, verification: 0, backfill: 0, mau: 0, background: 0 };
const budget = (hourRemaining: number): Budget => ({
  minute: { limit: 30, remaining: 30, resetAt: '', byClass },
  hour: { limit: 300, remaining: hourRemaining, resetAt: '', byClass },
  backoffUntil: null,
  waiting: 0,
});
const month = (name: string, over: Partial<MauMonth> = {}): MauMonth => ({
  month: name,
  activeUsers: 0,
  exact: false,
  source: 'upstream',
  knownFrom: null,
  lowerBound: 0,
  estimate: null,
  estimateLow: null,
  estimateHigh: null,
  basis: 'lowerBound',
  upstreamCalls: 0,
  callsThisRequest: 0,
  callsToFinish: null,
  inProgress: false,
  asOf: '',
  pending: true,
  ...over,
});

describe('mauOutlook', () => {
  it('offers the past months this hour can finish, newest first, and the current month last', () => {
    const months = [
      month('2026-08', { callsToFinish: 60 }),
      month('2026-09', { callsToFinish: 50 }),
      month('2026-10', { callsToFinish: 40 }),
      month('2026-11', { callsToFinish: 80, inProgress: true }),
    ];
    // 300 left this hour, 90 kept for people: 210 for counting.
    const got = mauOutlook(months, budget(300), NOW);
    expect(got.finishable).toEqual(['2026-10', '2026-09', '2026-08']);
    expect(got.callsNow).toBe(150);
    expect(got.restCalls).toBe(80);
    expect(got.doneAt).toBe(NOW + 3_600_000);
  });

  it('guesses a month nothing is known about from the largest month counted, 20 calls at least', () => {
    const months = [
      month('2026-08'),
      month('2026-09', { exact: true, pending: false, upstreamCalls: 3, callsToFinish: 0 }),
      month('2026-10', { exact: true, pending: false, upstreamCalls: 44, callsToFinish: 0 }),
    ];
    expect(mauOutlook(months, budget(300), NOW)).toMatchObject({ finishable: ['2026-08'], callsNow: 44 });
    expect(mauOutlook([month('2026-08')], budget(300), NOW)).toMatchObject({ callsNow: 20 });
  });

  it('spends what the hour allows on the first month when none can finish, and says when the rest is done', () => {
    const got = mauOutlook([month('2026-10', { callsToFinish: 500 })], budget(150), NOW);
    expect(got).toMatchObject({ finishable: [], callsNow: 60, restCalls: 440 });
    expect(got.doneAt).toBe(NOW + 3 * 3_600_000);
  });

  it('has nothing to do when every month is exact', () => {
    const got = mauOutlook([month('2026-10', { exact: true, pending: false, callsToFinish: 0 })], budget(300), NOW);
    expect(got).toEqual({ pending: 0, finishable: [], callsNow: 0, restCalls: 0, doneAt: null });
  });

  it('leaves out a month nothing is known of: counting cannot make it exact', () => {
    const months = [
      month('2026-07', { knownFrom: '2026-08-03T00:00:00.000Z', callsToFinish: 30 }),
      month('2026-08', { knownFrom: '2026-08-03T00:00:00.000Z', callsToFinish: 40 }),
    ];
    expect(mauOutlook(months, budget(300), NOW)).toMatchObject({ pending: 1, finishable: ['2026-08'], callsNow: 40 });
  });
});
