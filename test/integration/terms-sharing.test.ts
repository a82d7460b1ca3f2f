/**
 * Terms share upstream calls (lib/reporting/terms-sharing.ts), against the standalone emulator
 * over HTTP: every size is one call and cuts to what the emulator itself answers at that size;
 * a question filtered on the value it counts is read from the unfiltered answer at no call; and
 * the terms page's total, the lines of its events by name, is the emulator's count of all events.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Condition } from '@/lib/authy/bracket-codec';
import type { TermsQuery } from '@/lib/authy/schemas';
import type { HistogramResponse, TermsResponse } from '@/lib/authy/responses';
import { ALL_EVENTS_REPORT, allEventsCount, allEventsCountOfNames } from '@/lib/queries/all-events';
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

const WINDOW: Condition[] = [
  { attribute: 'time', operator: 'gte', value: '2020-01-01T00:00:00.000Z' },
  { attribute: 'time', operator: 'lt', value: '2020-01-15T00:00:00.000Z' },
];
const DEVICE = 'objects.device.s_device_type';
const eq = (attribute: string, value: string): Condition => ({ attribute, operator: 'eq', value });

const directTerms = (params: TermsQuery) => askDirectly<TermsResponse>(twin, { endpoint: 'terms', params });

describe('terms sharing', () => {
  it('answers every size with one call, each the top the emulator gives at that size', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    for (const size of [3, 10, 20, 100]) {
      const query = { field: 'objects.user.s_country_code', size, scope: WINDOW };
      expect((await service.terms(query)).data).toEqual(await directTerms(query));
    }
    expect(totalRequests(await upstream.stats())).toBe(1);
  });

  it('reads a question filtered on its own value from the unfiltered answer, at no call', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    await service.terms({ field: 'event', size: 10, scope: WINDOW });
    await service.terms({ field: DEVICE, size: 10, scope: WINDOW });
    const asked: TermsQuery[] = [
      { field: 'event', size: 10, scope: [...WINDOW, eq('event', 'token_invalid')] },
      { field: DEVICE, size: 5, scope: [...WINDOW, eq(DEVICE, 'android')] },
      { field: 'event', size: 10, scope: [...WINDOW, eq('event', 'no_such_event')] },
    ];
    for (const query of asked) {
      expect(await service.cost({ endpoint: 'terms', query })).toBe(0);
      const answer = await service.terms(query);
      expect(answer.data).toEqual(await directTerms(query));
      expect(answer.meta.cache).toBe('hit');
    }
    expect((await service.terms(asked[0])).data.terms).toHaveLength(1);
    expect(totalRequests(await upstream.stats())).toBe(2);
  });

  it('asks a filtered question itself when nothing unfiltered is held', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    const query = { field: DEVICE, size: 10, scope: [...WINDOW, eq(DEVICE, 'ios')] };
    expect(await service.cost({ endpoint: 'terms', query })).toBe(1);
    expect((await service.terms(query)).data).toEqual(await directTerms(query));
    expect(totalRequests(await upstream.stats())).toBe(1);
  });

  it("counts the terms page's total from its events by name as the emulator counts all events", async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    for (const scope of [WINDOW, [...WINDOW, eq(DEVICE, 'android')], [...WINDOW, eq('event', 'token_invalid')]]) {
      const names = await service.terms({ field: 'event', size: 100, scope });
      const histogram = await askDirectly<HistogramResponse>(twin, {
        endpoint: 'date_histogram',
        params: { reports: [ALL_EVENTS_REPORT], scope, interval: 'year', page: 1, per_page: 100 },
      });
      const count = allEventsCount(histogram.reports);
      expect(count).toBeGreaterThan(0);
      expect(allEventsCountOfNames(names.data.terms)).toBe(count);
    }
  });
});
