/**
 * Upstream 60060 "account suspended": a clear 503 that every later request respects (no more
 * calls reach the upstream while the back-off lasts), with cached answers still served stale.
 * The emulator has no suspension fault, so a switch in the fetch path answers 60060 exactly as
 * the Authy API does, in front of the standalone emulator that serves everything else.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { errorResponse } from '@/lib/api/route';
import { NOW, standaloneEmulator, totalRequests } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { serviceFor } from '@/test/support/services';
import type { FetchLike } from '@/lib/reporting/upstream-client';

let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;
beforeAll(async () => {
  upstream = await standaloneEmulator();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const SUSPENDED_BODY = {
  error_code: '60060',
  message: 'Account suspended',
  errors: { message: 'Account suspended' },
  success: false,
};

describe('upstream 60060 (account suspended)', () => {
  it('answers 503 "suspended", backs off every later call, and keeps serving what is cached', async () => {
    let suspended = false;
    const sent: string[] = [];
    const fetchSwitch: FetchLike = (request) => {
      sent.push(request.url);
      return suspended ? Promise.resolve(Response.json(SUSPENDED_BODY, { status: 503 })) : fetch(request);
    };
    const clock = new ManualClock(NOW);
    const { service } = serviceFor({ fetch: fetchSwitch, baseUrl: upstream.url, clock });
    await service.terms({ field: 'event', size: 3, scope: [] });
    clock.advance(61_000);
    suspended = true;

    const error = await service
      .terms({ field: 'objects.device.s_device_type', size: 4, scope: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const response = errorResponse(error as ApiError);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/The Authy application is suspended/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(55);

    // Backed off like a 429: the next uncached query is refused here, not sent.
    const callsBefore = sent.length;
    await expect(service.terms({ field: 'objects.user.s_country_code', size: 5, scope: [] })).rejects.toMatchObject({
      status: 429,
    });
    expect(sent.length).toBe(callsBefore);
    expect((await service.budget()).backoffUntil).not.toBeNull();
    expect((await service.terms({ field: 'event', size: 3, scope: [] })).meta.cache).toBe('stale');
    expect(totalRequests(await upstream.stats())).toBe(1);
  });
});
