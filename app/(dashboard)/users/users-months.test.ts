import { describe, expect, it } from 'vitest';
import type { MauMonth } from '@/lib/mau/types';
import { knownPart, mauBar } from '@/components/users/mau-bars';
import { defaultMonth } from '@/lib/queries/page-requests';
import { monthsOfWindow } from '@/lib/queries/users-span';
import { accuracyExplanation, accuracyLabel, sourceLabel, userMonthRows } from './users-months';

const NOW = Date.parse('2026-11-15T12:00:00Z');

const month = (over: Partial<MauMonth> & { month: string }): MauMonth => ({
  activeUsers: 1234,
  exact: true,
  source: 'upstream',
  knownFrom: null,
  lowerBound: 1234,
  estimate: null,
  estimateLow: null,
  estimateHigh: null,
  basis: 'exact',
  upstreamCalls: 14,
  callsThisRequest: 0,
  callsToFinish: 0,
  inProgress: false,
  asOf: '2026-11-01T00:00:00.000Z',
  pending: false,
  ...over,
});

describe('months of a range', () => {
  it('covers every month the window touches, the partial ones too', () => {
    const span = monthsOfWindow({ from: Date.parse('2025-12-01T00:00:00Z'), to: NOW });
    expect(span.months).toHaveLength(12);
    expect([span.from, span.to]).toEqual(['2025-12', '2026-11']);
    expect(
      monthsOfWindow({ from: Date.parse('2026-10-20T00:00:00Z'), to: Date.parse('2026-11-01T00:00:00Z') }).months,
    ).toEqual(['2026-10']);
  });

  it('keeps the latest 36 months of a longer window', () => {
    const span = monthsOfWindow({ from: Date.parse('2020-01-01T00:00:00Z'), to: NOW });
    expect(span.months).toHaveLength(36);
    expect(span.to).toBe('2026-11');
  });

  it('breaks down the latest month that is over unless the URL says otherwise', () => {
    expect(defaultMonth(['2026-09', '2026-10', '2026-11'], NOW)).toBe('2026-10');
    expect(defaultMonth(['2026-11'], NOW)).toBe('2026-11');
  });
});

describe('month rows', () => {
  it('joins MAU with users added and removed, zero where the histogram has no bucket', () => {
    const bucket = (iso: string, count: number) => ({ timestamp: Date.parse(iso), time: iso, count });
    const rows = userMonthRows(
      ['2026-10', '2026-11'],
      [month({ month: '2026-10' })],
      { added: [bucket('2026-10-01T00:00:00Z', 30)], removed: [bucket('2026-11-01T00:00:00Z', 4)] },
      NOW,
    );
    expect(rows[0]).toMatchObject({
      month: '2026-10',
      label: 'Oct 2026',
      added: 30,
      removed: 0,
      net: 30,
      inProgress: false,
    });
    expect(rows[0].mau?.activeUsers).toBe(1234);
    expect(rows[1]).toMatchObject({ mau: null, added: 0, removed: 4, net: -4, inProgress: true });
  });
});

describe('accuracy in words', () => {
  it('tells exact, estimated, lower-bound and uncounted months apart', () => {
    expect(accuracyLabel(month({ month: '2026-10' }))).toBe('Exact');
    expect(accuracyExplanation(month({ month: '2026-10' }), true)).toBe(
      'Exact: 1,234 distinct users, counted in 14 upstream calls.',
    );
    const estimate = month({
      month: '2026-09',
      exact: false,
      basis: 'estimate',
      activeUsers: 4801,
      lowerBound: 411,
      estimate: 4801,
      estimateLow: 1207,
      estimateHigh: 8395,
      pending: true,
    });
    expect(accuracyLabel(estimate)).toBe('Estimate');
    expect(accuracyExplanation(estimate, true)).toMatch(/at least 411 .* about 4,801 .*1,207 and 8,395/);
    const bound = month({
      month: '2026-08',
      exact: false,
      basis: 'lowerBound',
      activeUsers: 100,
      lowerBound: 100,
      upstreamCalls: 1,
      pending: true,
    });
    expect(accuracyLabel(bound)).toBe('At least');
    expect(
      accuracyLabel(
        month({ month: '2026-07', exact: false, basis: 'lowerBound', activeUsers: 0, lowerBound: 0, upstreamCalls: 0 }),
      ),
    ).toBe('Not counted yet');
    const live = month({ month: '2026-11', inProgress: true, asOf: '2026-11-15T11:00:00.000Z' });
    expect(accuracyLabel(live)).toBe('Exact so far');
    expect(accuracyExplanation(live, true)).toContain('up to 15 Nov 2026, 11:00 UTC; the month is still in progress');
  });

  it('draws an estimate hatched with its interval, a lower bound outlined, an uncounted month empty', () => {
    const labels = { label: 'Sep 2026', tick: 'Sep 26', explanation: '…' };
    const estimate = mauBar(
      month({
        month: '2026-09',
        exact: false,
        basis: 'estimate',
        activeUsers: 500,
        estimate: 500,
        estimateLow: 400,
        estimateHigh: 650,
      }),
      labels,
    );
    expect(estimate).toMatchObject({ kind: 'estimate', mark: '~', whisker: [100, 150], height: 500 });
    expect(
      mauBar(month({ month: '2026-09', exact: false, basis: 'lowerBound', activeUsers: 100 }), labels),
    ).toMatchObject({ kind: 'lowerBound', mark: '≥' });
    expect(
      mauBar(month({ month: '2026-09', exact: false, basis: 'lowerBound', upstreamCalls: 0 }), labels),
    ).toMatchObject({ kind: 'none', value: null, height: 0 });
    expect(mauBar(month({ month: '2026-11', inProgress: true }), labels).tick).toBe('Sep 26*');
  });

  it('marks a month the archive counted whole as exact, in words, at no upstream call', () => {
    const archived = month({ month: '2026-05', source: 'archive', upstreamCalls: 0, callsToFinish: 0 });
    expect(accuracyLabel(archived)).toBe('Exact');
    expect(sourceLabel(archived)).toBe('archive');
    expect(sourceLabel(month({ month: '2026-05' }))).toBeNull();
    expect(accuracyExplanation(archived, true)).toBe(
      'Exact: 1,234 distinct users, counted from the archive’s copy of the month, at no upstream call.',
    );
    expect(mauBar(archived, { label: 'May 2026', tick: 'May 26', explanation: '' })).toMatchObject({
      kind: 'exact',
      value: 1234,
      mark: '',
    });
  });

  it('says a month is only partly known, or not known, instead of a silent number', () => {
    const labels = { label: 'Aug 2026', tick: 'Aug 26', explanation: '…' };
    // The server counted what it knows exactly: from 3 Aug on, the month is a lower bound.
    const part = month({ month: '2026-08', knownFrom: '2026-08-03T09:00:00.000Z', activeUsers: 900, lowerBound: 900 });
    expect(knownPart(part)).toBe('part');
    expect(accuracyLabel(part)).toBe('Partly known');
    expect(sourceLabel({ ...part, source: 'archive' })).toBeNull();
    expect(accuracyExplanation(part, true)).toBe(
      'Partly known: events are known only from 3 Aug 2026, 09:00 UTC; the days before cannot be counted: the API keeps only its last 90 days and the archive holds nothing older. At least 900 distinct users were active from then.',
    );
    const uncounted = { ...part, exact: false, basis: 'lowerBound' as const, upstreamCalls: 0, lowerBound: 0 };
    expect(accuracyLabel(uncounted)).toBe('Partly known');
    expect(accuracyExplanation(uncounted, true)).toMatch(
      /nothing older\. Not counted yet; counting continues by itself\.$/,
    );
    expect(mauBar(uncounted, labels)).toMatchObject({ kind: 'none', value: null, mark: '…' });
    expect(mauBar(part, labels)).toMatchObject({ kind: 'lowerBound', mark: '≥', value: 900 });

    const none = month({ month: '2026-07', knownFrom: '2026-08-01T00:00:00.000Z', activeUsers: 0, lowerBound: 0 });
    expect(knownPart(none)).toBe('none');
    expect(accuracyLabel(none)).toBe('Not known');
    expect(accuracyExplanation(none, true)).toMatch(/^Not known: nothing of this month can be counted any more/);
    expect(mauBar(none, labels)).toMatchObject({ kind: 'unknown', mark: '?', value: null, height: 0 });
    expect(knownPart(month({ month: '2026-08', knownFrom: '2026-07-30T00:00:00.000Z' }))).toBe('whole');
  });
});
