import { describe, expect, it } from 'vitest';
import { fit, type FitInput } from './fit';

const defaults: Omit<FitInput, 'eventsPerHour'> = {
  budget: { perMinute: 30, perHour: 300, share: 0.5 },
  liveActiveSeconds: 60,
  lookbackMinutes: 10,
  apiRetentionDays: 90,
};

describe('the fit rule', () => {
  it('keeps every event of an application of 100,000 events a month (the issue’s example)', () => {
    const f = fit({ ...defaults, eventsPerHour: 100_000 / 730 });
    expect(f.mode).toBe('full');
    expect(f.keepDays).toBe(90);
    expect(f.budgetPerHour).toBe(150);
    // 2.3 new events and 23 of look-back a poll: one call each, 60 an hour, and 1 verification.
    expect(f.steadyCallsPerHour).toBe(61);
  });

  it('keeps the last days it can backfill before the API forgets them, and rollups for the rest', () => {
    const f = fit({ ...defaults, eventsPerHour: 5_000, budget: { perMinute: 30, perHour: 300, share: 1 } });
    // steady: 60 polls of 83 events (1 call each), 12 look-back counts, 1 verification = 73 of 300;
    // the 227 left copy 22,700 events an hour: k = 4.54 hours of events an hour.
    expect(f.mode).toBe('partial');
    expect(f.steadyCallsPerHour).toBe(73);
    // The backfill meets the retention edge after 90 / 5.54 = 16.2 days: it keeps 73.8, less a day's margin.
    expect(f.keepDays).toBe(72);
  });

  it('keeps rollups only when even the live edge does not fit the share', () => {
    const f = fit({ ...defaults, eventsPerHour: 15_000 });
    // 60 polls of 250 events (3 calls each), 12 look-back counts, 1 verification: 193 > 150.
    expect(f.steadyCallsPerHour).toBe(193);
    expect(f.mode).toBe('rollups');
  });

  it('is partial when the live edge fits without room: the backfill gets what is left', () => {
    const f = fit({ ...defaults, eventsPerHour: 9_000 });
    // 60 polls of 150 events (2 calls each), 12 look-back counts, 1 verification: 133, over 75% of 150.
    expect(f.steadyCallsPerHour).toBe(133);
    expect(f.mode).toBe('partial');
    // 17 calls an hour copy 0.19 hours of events an hour: the backfill reaches back 14 days.
    expect(f.keepDays).toBe(13);
  });

  it('is partial when the live edge fits with room but the backfill would run for weeks', () => {
    const f = fit({ ...defaults, eventsPerHour: 4_000 });
    // 60 polls of 67 events, 12 look-back counts, 1 verification: 73, under 75% of 150; the 77
    // left copy 1.9 hours of events an hour, so the backfill would take 30.8 days.
    expect(f.steadyCallsPerHour).toBe(73);
    expect(f.mode).toBe('partial');
    expect(f.keepDays).toBe(58);
  });

  it('sees the tighter window: 10 a minute is 600 an hour, 200 an hour is 200', () => {
    expect(
      fit({ ...defaults, eventsPerHour: 0, budget: { perMinute: 10, perHour: 1_000, share: 1 } }).budgetPerHour,
    ).toBe(600);
    expect(
      fit({ ...defaults, eventsPerHour: 0, budget: { perMinute: 30, perHour: 200, share: 1 } }).budgetPerHour,
    ).toBe(200);
  });

  it('at 15,000 events an hour keeps everything with the whole budget and polls every five minutes', () => {
    const f = fit({
      ...defaults,
      eventsPerHour: 15_000,
      liveActiveSeconds: 300,
      budget: { perMinute: 30, perHour: 300, share: 1 },
    });
    // 12 polls of 1,250 events (13 calls each), 12 look-back counts, 1 verification.
    expect(f.steadyCallsPerHour).toBe(12 * 13 + 12 + 1);
    expect(f.mode).toBe('partial');
  });
});
