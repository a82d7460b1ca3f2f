import { describe, expect, it } from 'vitest';
import { parseSettings } from './env';

describe('parseSettings', () => {
  it('runs in demo mode with no key and documented defaults', () => {
    const s = parseSettings({});
    expect(s.mode).toBe('demo');
    expect(s.RATE_LIMIT_PER_MINUTE).toBe(30);
    expect(s.RATE_LIMIT_PER_HOUR).toBe(300);
    expect(s.AUTHY_API_URL).toBe('https://api.authy.com');
    expect(s.emulator.EMULATOR_PORT).toBe(4010);
  });

  it('has reporting cache defaults: 60 s fresh, 1 h stale, 15 min settle margin, 10 ms coalescing', () => {
    const s = parseSettings({});
    expect([s.CACHE_FRESH_TTL_SECONDS, s.CACHE_MAX_STALE_SECONDS, s.CACHE_SETTLE_MARGIN_SECONDS]).toEqual([
      60, 3600, 900,
    ]);
    expect(s.COALESCE_WINDOW_MS).toBe(10);
    expect(s.CACHE_MAX_BYTES).toBeGreaterThan(0);
    expect(() => parseSettings({ CACHE_FRESH_TTL_SECONDS: '0' })).toThrow(/CACHE_FRESH_TTL_SECONDS/);
  });

  it('counts MAU over every event with a user by default, within 20 calls a request', () => {
    const s = parseSettings({});
    expect([s.MAU_EVENTS, s.MAU_CALL_BUDGET]).toEqual(['all', 20]);
    expect(parseSettings({ MAU_EVENTS: 'authentications' }).MAU_EVENTS).toBe('authentications');
    expect(() => parseSettings({ MAU_EVENTS: 'logins' })).toThrow(/MAU_EVENTS/);
  });

  it('gives the archive half of each window and lets a request queue 20 s, by default', () => {
    const s = parseSettings({});
    expect([s.ARCHIVE_BUDGET_SHARE, s.LIMITER_MAX_WAIT_MS]).toEqual([0.5, 20_000]);
    expect(parseSettings({ ARCHIVE_BUDGET_SHARE: '0.2' }).ARCHIVE_BUDGET_SHARE).toBe(0.2);
    for (const share of ['0', '1.5', 'half']) {
      expect(() => parseSettings({ ARCHIVE_BUDGET_SHARE: share })).toThrow(/ARCHIVE_BUDGET_SHARE/);
    }
    // 10% of 5 calls a minute is no call at all.
    expect(() => parseSettings({ RATE_LIMIT_PER_MINUTE: '5', ARCHIVE_BUDGET_SHARE: '0.1' })).toThrow(
      /ARCHIVE_BUDGET_SHARE/,
    );
  });

  it('keeps an archive by default: 400 days, polls of 1 and 5 minutes, a 10-minute look-back inside a 15-minute settle margin', () => {
    const s = parseSettings({});
    expect([s.ARCHIVE, s.ARCHIVE_RETENTION_DAYS, s.ARCHIVE_API_RETENTION_DAYS]).toEqual(['auto', 400, 90]);
    expect([s.ARCHIVE_LIVE_ACTIVE_SECONDS, s.ARCHIVE_LIVE_IDLE_SECONDS]).toEqual([60, 300]);
    expect([s.ARCHIVE_LOOKBACK_MINUTES, s.ARCHIVE_SETTLE_MARGIN_MINUTES]).toEqual([10, 15]);
    expect(parseSettings({ ARCHIVE: 'off', ARCHIVE_RETENTION_DAYS: '0' })).toMatchObject({
      ARCHIVE: 'off',
      ARCHIVE_RETENTION_DAYS: 0,
    });
    expect(() => parseSettings({ ARCHIVE: 'on' })).toThrow(/ARCHIVE/);
    expect(() => parseSettings({ ARCHIVE_LOOKBACK_MINUTES: '20' })).toThrow(/ARCHIVE_LOOKBACK_MINUTES/);
    expect(() => parseSettings({ ARCHIVE_LIVE_ACTIVE_SECONDS: '600' })).toThrow(/ARCHIVE_LIVE_ACTIVE_SECONDS/);
  });

  it('names the bad variable', () => {
    expect(() => parseSettings({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => parseSettings({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => parseSettings({ EMULATOR_FAULTS: '500:2' })).toThrow(/EMULATOR_FAULTS/);
  });

  it('requires a session secret for a live production server', () => {
    expect(() => parseSettings({ NODE_ENV: 'production', AUTHY_API_KEY: 'k' })).toThrow(/SESSION_SECRET/);
    expect(parseSettings({ AUTHY_API_KEY: 'k', SESSION_SECRET: 'x'.repeat(32) }).mode).toBe('live');
  });

  it('treats blank variables as unset', () => {
    expect(parseSettings({ AUTHY_API_KEY: '  ' }).mode).toBe('demo');
  });

  it('parses fault injection shares', () => {
    expect(parseSettings({ EMULATOR_FAULTS: '500:0.2,timeout:0.05' }).emulator.EMULATOR_FAULTS).toMatchObject({
      error500: 0.2,
      timeout: 0.05,
    });
  });
});
