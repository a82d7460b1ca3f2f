/**
 * Events pages share upstream pages of 100: counted against the standalone emulator, and each
 * page compared with what the emulator answers when asked for exactly that page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Condition } from '@/lib/authy/bracket-codec';
import type { EventsResponse } from '@/lib/authy/responses';
import { NOW, askDirectly, standaloneEmulator, twinEmulator } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { httpServiceFor } from '@/test/support/services';

let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;
beforeAll(async () => {
  upstream = await standaloneEmulator();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const WEEK: Condition[] = [
  { attribute: 'time', operator: 'gte', value: '2020-01-08T00:00:00.000Z' },
  { attribute: 'time', operator: 'lt', value: '2020-01-15T00:00:00.000Z' },
];
/** 59 events in the test data set: one short upstream page. */
const DAY: Condition[] = [
  { attribute: 'time', operator: 'gte', value: '2020-01-14T00:00:00.000Z' },
  { attribute: 'time', operator: 'lt', value: '2020-01-15T00:00:00.000Z' },
];

const twin = twinEmulator();
const direct = (query: Condition[], page: number, perPage: number) =>
  askDirectly<EventsResponse>(twin, { endpoint: 'events', params: { query, page, per_page: perPage } });

const eventCalls = async () => (await upstream.stats()).requests.events;

describe('events pages from upstream pages of 100', () => {
  it('answers pages 1-2 at 50 with 1 upstream call and page 3 with 1 more, each exactly the page asked', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    const page1 = await service.events({ query: WEEK, page: 1, per_page: 50 });
    const page2 = await service.events({ query: WEEK, page: 2, per_page: 50 });
    expect(await eventCalls()).toBe(1);
    expect(page2.meta.cache).toBe('hit');
    const page3 = await service.events({ query: WEEK, page: 3, per_page: 50 });
    expect(await eventCalls()).toBe(2);

    for (const [n, got] of [page1, page2, page3].entries()) {
      const want = await direct(WEEK, n + 1, 50);
      expect(want.events).toHaveLength(50);
      expect(got.data).toEqual(want);
    }
    // Pages 1-8 at 25 come from the same two upstream pages.
    for (let page = 1; page <= 8; page++)
      expect((await service.events({ query: WEEK, page, per_page: 25 })).data).toEqual(await direct(WEEK, page, 25));
    expect(await eventCalls()).toBe(2);
  });

  it('joins two upstream pages when a page straddles them', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    const page4 = await service.events({ query: WEEK, page: 4, per_page: 30 });
    expect(await eventCalls()).toBe(2);
    expect(page4.data).toEqual(await direct(WEEK, 4, 30));
  });

  it('stops at a short upstream page: what lies past it is empty, without another call', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    const all = await direct(DAY, 1, 100);
    expect(all.events.length).toBeGreaterThan(30);
    expect(all.events.length).toBeLessThan(90);
    // Events 90-119 would straddle upstream pages 1 and 2, but page 1 is short.
    const straddling = await service.events({ query: DAY, page: 4, per_page: 30 });
    expect(straddling.data).toEqual({ events: [], success: true });
    expect(straddling.data).toEqual(await direct(DAY, 4, 30));
    expect(await eventCalls()).toBe(1);
    const last = await service.events({ query: DAY, page: 2, per_page: 30 });
    expect(last.data).toEqual(await direct(DAY, 2, 30));
    expect(last.data.events.length).toBeLessThan(30);
    expect(await eventCalls()).toBe(1);
  });
});
