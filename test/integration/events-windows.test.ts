/**
 * Events pages read from the pages held for another window (lib/reporting/events-windows.ts),
 * against the standalone emulator over HTTP: each page read at no call is the page the emulator
 * itself gives for that window, and a window ending after everything held is asked for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Condition } from '@/lib/authy/bracket-codec';
import { timeWithin } from '@/lib/authy/conditions';
import type { EventsResponse } from '@/lib/authy/responses';
import { resolveRange, type RangePreset } from '@/lib/ranges';
import { NOW, askDirectly, standaloneEmulator, totalRequests, twinEmulator } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { httpServiceFor } from '@/test/support/services';

type Standalone = Awaited<ReturnType<typeof standaloneEmulator>>;
let upstream: Standalone;
const twin = twinEmulator();

beforeAll(async () => {
  upstream = await standaloneEmulator();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

/** What the emulator gives for page `page` (of `perPage`) of a preset's window at `now`. */
async function direct(query: Condition[], range: RangePreset, now: number, page: number, perPage: number) {
  const w = resolveRange(range, now);
  const params = { query: [...query, ...timeWithin(w.from, w.to)], page, per_page: perPage };
  return (await askDirectly<EventsResponse>(twin, { endpoint: 'events', params })).events;
}

const FILTERS: Condition[][] = [[], [{ attribute: 'event', operator: 'eq', value: 'token_invalid' }]];

describe('events pages read from another window', () => {
  it('reads the last 7 days from the last 30 days held (same end), each page as the emulator gives it', async () => {
    const now = NOW + 7 * 60_000; // 7d and 30d both end at 12:05
    for (const query of FILTERS) {
      await upstream.reset();
      const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(now) });
      for (const page of [1, 2]) await service.events({ query, page, per_page: 100 }, { range: '30d' });
      expect(totalRequests(await upstream.stats())).toBe(2);
      for (const [page, perPage] of [
        [1, 25],
        [3, 25],
        [1, 100],
      ]) {
        const request = {
          endpoint: 'events' as const,
          query: { query, page, per_page: perPage },
          options: { range: '7d' as const },
        };
        expect(await service.cost(request)).toBe(0);
        const answer = await service.events(request.query, request.options);
        expect(answer.data.events).toEqual(await direct(query, '7d', now, page, perPage));
        if (page === 1) expect(answer.data.events.length).toBeGreaterThan(0);
      }
      expect(totalRequests(await upstream.stats())).toBe(2);
    }
  });

  it('asks for a window that ends after every window held', async () => {
    const now = NOW + 7 * 60_000; // 24h ends at 12:07, 7d and 30d at 12:05
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(now) });
    await service.events({ query: [], page: 1, per_page: 100 }, { range: '30d' });
    const request = {
      endpoint: 'events' as const,
      query: { query: [], page: 1, per_page: 25 },
      options: { range: '24h' as const },
    };
    expect(await service.cost(request)).toBe(1);
    const answer = await service.events(request.query, request.options);
    expect(answer.data.events).toEqual(await direct([], '24h', now, 1, 25));
    expect(totalRequests(await upstream.stats())).toBe(2);
  });
});
