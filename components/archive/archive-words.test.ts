import { describe, expect, it } from 'vitest';
import type { ArchiveStatus } from '@/lib/queries/archive';
import {
  backfillWords,
  callRows,
  indicatorLabel,
  lagWords,
  modeWords,
  retentionWords,
  spanWords,
} from './archive-words';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const status = (over: Partial<ArchiveStatus> = {}): ArchiveStatus => ({
  mode: 'full',
  coverage: [
    { from: iso(NOW - 700 * DAY), to: iso(NOW - 610 * DAY) },
    { from: iso(NOW - 4 * DAY - 3_600_000), to: iso(NOW - 40_000) },
  ],
  imported: [{ label: 'demo', from: iso(NOW - 700 * DAY), to: iso(NOW - 610 * DAY) }],
  verifiedThrough: iso(NOW - 2 * 3_600_000),
  verified: [{ from: iso(NOW - 4 * DAY), to: iso(NOW - 2 * 3_600_000) }],
  lagSeconds: 40,
  backfill: { done: 12_000, total: 47_264, expectedEnd: iso(NOW + 3 * 3_600_000) },
  eventsHeld: 212_000,
  callsThisHour: { live: 60, verification: 2, backfill: 88, total: 150 },
  rollups: { hourly: [], countries: [], deviceTypes: [] },
  fit: { eventsPerHour: 137, budgetPerHour: 150, steadyCallsPerHour: 61, keepDays: 90, measuredAt: iso(NOW - DAY) },
  running: true,
  retentionDays: 400,
  ...over,
});

describe('the indicator', () => {
  it('names the time held and the lag, adding up every interval held, and says it shorter for a phone', () => {
    expect(indicatorLabel(status())).toEqual({
      name: 'Archive: 94 days local, 40 s behind',
      short: 'Archive 94 d · 40 s',
    });
  });

  it('says when it is off, holds nothing yet, keeps counts only or has no live edge', () => {
    expect(indicatorLabel(status({ mode: 'off', coverage: [], lagSeconds: null }))).toEqual({
      name: 'Archive off',
      short: 'Archive off',
    });
    expect(indicatorLabel(status({ coverage: [], lagSeconds: 3 }))).toEqual({
      name: 'Archive: nothing local yet, 3 s behind',
      short: 'Archive empty · 3 s',
    });
    expect(indicatorLabel(status({ mode: 'rollups', lagSeconds: null }))).toEqual({
      name: 'Archive: 94 days local, counts only',
      short: 'Archive 94 d · counts',
    });
    expect(indicatorLabel(status({ lagSeconds: null })).name).toBe('Archive: 94 days local');
    const justStarted = status({ coverage: [{ from: iso(NOW - 20_000), to: iso(NOW - 8_000) }], lagSeconds: 8 });
    expect(indicatorLabel(justStarted)).toEqual({
      name: 'Archive: under a minute local, 8 s behind',
      short: 'Archive <1 min · 8 s',
    });
  });
});

describe('the panel in words', () => {
  it('gives spans and lags in the largest whole unit', () => {
    expect(spanWords([{ from: iso(NOW - DAY), to: iso(NOW) }])).toBe('1 day');
    expect(spanWords([{ from: iso(NOW - 5.5 * 3_600_000), to: iso(NOW) }])).toBe('5 hours');
    expect(spanWords([{ from: iso(NOW - 61_000), to: iso(NOW) }])).toBe('1 minute');
    expect(spanWords([])).toBe('under a minute');
    expect([lagWords(40), lagWords(600), lagWords(5 * 3600), lagWords(3 * 86_400)]).toEqual([
      '40 s',
      '10 min',
      '5 h',
      '3 days',
    ]);
  });

  it('says each mode in words', () => {
    expect(modeWords('full').name).toBe('Full copy');
    expect(modeWords('partial').name).toBe('Partial copy');
    expect(modeWords('rollups').name).toBe('Counts only');
    expect(modeWords('off').says).toMatch(/ARCHIVE=off/);
  });

  it('says how far the backfill has got', () => {
    expect(backfillWords(status().backfill)).toBe('12,000 of 47,264 events copied (25.4%).');
    expect(backfillWords({ done: 500, total: 500, expectedEnd: null })).toBe('Done: 500 events copied.');
    expect(backfillWords({ done: 0, total: 0, expectedEnd: null })).toBe('Nothing to copy from the past yet.');
  });

  it('lists the calls by class with their total, and the retention', () => {
    expect(callRows(status().callsThisHour)).toEqual([
      { label: 'Live edge', calls: 60 },
      { label: 'Verification', calls: 2 },
      { label: 'Backfill', calls: 88 },
      { label: 'Total', calls: 150 },
    ]);
    expect(retentionWords(400)).toBe('Events older than 400 days are deleted daily.');
    expect(retentionWords(0)).toBe('Events are kept for good.');
  });
});
