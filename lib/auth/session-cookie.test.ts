import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetProcessSingletons } from '@/test/support/process-singletons';

const HOUR = 3_600_000;

beforeAll(() => {
  vi.stubEnv('SESSION_SECRET', 'a-test-session-secret-of-32-chars!!');
  vi.stubEnv('SESSION_IDLE_TIMEOUT_SECONDS', String(2 * 3_600));
  vi.stubEnv('SESSION_ABSOLUTE_TIMEOUT_SECONDS', String(10 * 3_600));
});
afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
  forgetProcessSingletons();
});

const load = () => import('./session-cookie');
const user = { id: 'u1', name: 'alice', role: 'member' as const };

describe('session lifetimes', () => {
  it('default to 8 hours idle and 7 days absolute, and the idle one may not exceed the other', async () => {
    const { parseSettings } = await import('../env');
    const s = parseSettings({});
    expect([s.SESSION_IDLE_TIMEOUT_SECONDS, s.SESSION_ABSOLUTE_TIMEOUT_SECONDS]).toEqual([8 * 3_600, 7 * 86_400]);
    expect(() =>
      parseSettings({ SESSION_IDLE_TIMEOUT_SECONDS: '7200', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '3600' }),
    ).toThrow(/SESSION_IDLE_TIMEOUT_SECONDS: must not exceed SESSION_ABSOLUTE_TIMEOUT_SECONDS/);
    expect(() => parseSettings({ SESSION_COOKIE_SECURE: 'sometimes' })).toThrow(/SESSION_COOKIE_SECURE/);
  });

  it('end a session left unused for the idle timeout', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-05T09:00:00Z') });
    const { openSession, renewedSession } = await load();
    const { sealData } = await import('iron-session');
    const now = Date.now();
    const sealed = await sealData(
      { user, signedInAt: now, seenAt: now, epoch: 0 },
      { password: 'a-test-session-secret-of-32-chars!!', ttl: 2 * 3_600 },
    );
    vi.setSystemTime(now + 2 * HOUR - 120_000);
    const live = await openSession(sealed);
    expect(live?.user).toEqual(user);
    vi.setSystemTime(now + 2 * HOUR + 120_000); // past the seal, and past iron's one minute of clock skew
    expect(await openSession(sealed)).toBeNull();
    // A renewal made while it was live starts the idle clock again.
    vi.setSystemTime(now + 2 * HOUR - 120_000);
    const renewed = await renewedSession(live!);
    vi.setSystemTime(now + 3 * HOUR);
    expect((await openSession(renewed!))?.seenAt).toBe(now + 2 * HOUR - 120_000);
  });

  it('end a session older than the absolute timeout, however busy', async () => {
    const { isLive } = await load();
    const signedInAt = Date.parse('2026-01-05T09:00:00Z');
    const session = { user, signedInAt, seenAt: signedInAt + 9 * HOUR, epoch: 0 };
    expect(isLive(session, signedInAt + 10 * HOUR - 1)).toBe(true);
    expect(isLive(session, signedInAt + 10 * HOUR)).toBe(false);
    expect(isLive({ user, signedInAt, seenAt: signedInAt }, signedInAt)).toBe(false);
  });

  it('renews the cookie at most once a minute', async () => {
    const { renewedSession, SESSION_RENEW_AFTER_MS } = await load();
    const now = Date.now();
    const session = { user, signedInAt: now, seenAt: now, epoch: 3 };
    expect(await renewedSession(session, now + SESSION_RENEW_AFTER_MS - 1)).toBeNull();
    expect(await renewedSession(session, now + SESSION_RENEW_AFTER_MS)).toEqual(expect.any(String));
  });

  it('opens nothing from a forged or garbled cookie', async () => {
    const { openSession } = await load();
    const { sealData } = await import('iron-session');
    const forged = await sealData(
      { user, signedInAt: Date.now(), seenAt: Date.now(), epoch: 0 },
      {
        password: 'another-secret-that-is-32-chars-long',
      },
    );
    expect(await openSession(forged)).toBeNull();
    expect(await openSession('Fe26.2*garbage')).toBeNull();
    expect(await openSession(undefined)).toBeNull();
  });
});

describe('the Secure flag', () => {
  it.each([
    ['auto', 'http', false],
    ['auto', 'https', true],
    ['always', 'http', true],
    ['never', 'https', false],
  ] as const)('SESSION_COOKIE_SECURE=%s over %s: Secure %s', async (mode, protocol, secure) => {
    vi.stubEnv('SESSION_COOKIE_SECURE', mode);
    const { secureCookies, sessionOptions } = await load();
    expect(secureCookies(protocol)).toBe(secure);
    expect(sessionOptions(secure).cookieOptions).toMatchObject({ secure, httpOnly: true, sameSite: 'lax', path: '/' });
  });
});
