/**
 * The sign-in policy, on in-memory counters with a fake clock (the same counters in Redis:
 * test/ops/signin-throttle-redis.test.ts). Every attempt here fails unless it says otherwise.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSignInThrottle, memorySignInLimiter, SIGN_IN_POLICY, type SignInThrottle } from './throttle';

let throttle: SignInThrottle;

beforeEach(() => {
  vi.useFakeTimers();
  throttle = createSignInThrottle(memorySignInLimiter());
});
afterEach(() => {
  vi.useRealTimers();
});

const attempt = (account: string, address: string | null, device: string | null = null) =>
  throttle.admit({ account, address, device });

/** An attempt whose password is wrong: admitted and then simply not reported as a success. */
async function fail(account: string, address: string | null, device: string | null = null) {
  const admission = await attempt(account, address, device);
  expect(admission.allowed, `${account} from ${address} should be admitted`).toBe(true);
}

async function succeed(account: string, address: string | null, device: string | null = null) {
  const admission = await attempt(account, address, device);
  expect(admission.allowed, `${account} from ${address} should be admitted`).toBe(true);
  if (admission.allowed) await admission.succeeded();
}

/** The wait an attempt is refused with (failing the test when it is admitted). */
async function refusedFor(account: string, address: string | null, device: string | null = null) {
  const admission = await attempt(account, address, device);
  expect(admission.allowed, `${account} from ${address} should be refused`).toBe(false);
  return admission.allowed ? 0 : admission.retryAfterSeconds;
}

/** A failure as a patient guesser makes it: waiting out whatever wait it is given first. */
async function failAfterWaiting(account: string, address: string) {
  for (;;) {
    const admission = await attempt(account, address);
    if (admission.allowed) return;
    vi.advanceTimersByTime(admission.retryAfterSeconds * 1000);
  }
}

describe('a burst against one account', () => {
  it('is slowed with doubling waits after five failures, up to five minutes, never shut', async () => {
    for (let i = 0; i < 5; i++) await fail('alice', `198.51.100.${i}`);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = await refusedFor('alice', `203.0.113.${i}`);
      waits.push(wait);
      vi.advanceTimersByTime(wait * 1000);
      await fail('alice', `203.0.113.${i}`);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
  });

  it('lets exactly one of many parallel guesses through each wait', async () => {
    for (let i = 0; i < 5; i++) await fail('alice', '198.51.100.1');
    vi.advanceTimersByTime(1_000);
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt('alice', `203.0.113.${i}`)));
    expect(burst.filter((a) => a.allowed)).toHaveLength(1);
  });

  it('does not count refused attempts: hammering during a wait does not lengthen it', async () => {
    for (let i = 0; i < 5; i++) await fail('alice', '198.51.100.1');
    for (let i = 0; i < 50; i++) expect(await refusedFor('alice', `203.0.113.${i}`)).toBeGreaterThan(0);
    vi.advanceTimersByTime(1_000);
    await fail('alice', '203.0.113.200');
    expect(await refusedFor('alice', '203.0.113.201')).toBe(2);
  });

  it('does not slow any other account', async () => {
    for (let i = 0; i < 40; i++) await failAfterWaiting('alice', `203.0.113.${i}`);
    await succeed('bob', '203.0.113.1');
    await succeed('carol', '192.0.2.7');
  });

  it('never slows a browser that signed in to the account before (a known device)', async () => {
    for (let i = 0; i < 9; i++) await failAfterWaiting('alice', `203.0.113.${i}`);
    expect(await refusedFor('alice', '192.0.2.7')).toBeGreaterThan(0);
    await succeed('alice', '192.0.2.7', 'device-of-alice');
  });

  it('counts a known device on its own, and treats it like any browser past five failures', async () => {
    for (let i = 0; i < SIGN_IN_POLICY.knownDevice.failures; i++) await fail('alice', '192.0.2.7', 'device-of-alice');
    // Past its own count the device goes through the ordinary counters, where alice is still fresh.
    for (let i = 0; i < 4; i++) await fail('alice', '192.0.2.7', 'device-of-alice');
    await fail('alice', '192.0.2.7', 'device-of-alice');
    expect(await refusedFor('alice', '192.0.2.7', 'device-of-alice')).toBe(1);
  });
});

describe('one address', () => {
  it('is stopped for the hour after 100 failures, whatever the accounts, and only that address', async () => {
    for (let i = 0; i < SIGN_IN_POLICY.address.failures; i++) await fail(`user${i}`, '203.0.113.9');
    const wait = await refusedFor('alice', '203.0.113.9');
    expect(wait).toBeGreaterThan(3_500);
    expect(wait).toBeLessThanOrEqual(3_600);
    await succeed('alice', '192.0.2.7');
    vi.advanceTimersByTime(wait * 1000);
    await succeed('alice', '203.0.113.9');
  });

  it('is stopped on one account after 10 failures there, while the account stays open elsewhere', async () => {
    for (let i = 0; i < SIGN_IN_POLICY.accountAtAddress.failures; i++) await failAfterWaiting('alice', '203.0.113.9');
    vi.advanceTimersByTime(300_000); // past alice's own wait
    const wait = await refusedFor('alice', '203.0.113.9');
    expect(wait).toBeGreaterThan(300);
    expect(wait).toBeLessThan(15 * 60);
    await succeed('alice', '192.0.2.7');
    await succeed('bob', '203.0.113.9');
  });

  it('counts IPv6 clients by their /64, so rotating through one prefix does not help', async () => {
    for (let i = 0; i < SIGN_IN_POLICY.address.failures; i++) await fail(`user${i}`, `2001:db8:1:2::${i.toString(16)}`);
    expect(await refusedFor('alice', '2001:db8:1:2:ffff::1')).toBeGreaterThan(0);
    await succeed('alice', '2001:db8:1:3::1');
  });
});

describe('a shared address (many people behind one NAT)', () => {
  it('signs in thirty people who each mistype twice', async () => {
    const nat = '198.51.100.200';
    for (let i = 0; i < 30; i++) {
      await fail(`user${i}`, nat);
      await fail(`user${i}`, nat);
      await succeed(`user${i}`, nat);
    }
  });

  it('does not charge the address for successes, and gives a person back their own tries', async () => {
    const nat = '198.51.100.200';
    for (let i = 0; i < SIGN_IN_POLICY.address.failures - 1; i++) await fail(`guesser${i}`, nat);
    await succeed('alice', nat);
    await succeed('bob', nat);
    await fail('carol', nat);
    expect(await refusedFor('dave', nat)).toBeGreaterThan(0);
  });
});
