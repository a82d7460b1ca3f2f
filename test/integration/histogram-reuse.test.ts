/**
 * Histograms reuse what was paid for, counted against the standalone emulator: closed buckets
 * answer any later window that holds them, a relative window moved by one slot asks only for
 * its open bucket, and finer buckets roll up into coarser ones (hours into days, days into
 * weeks and calendar months), each equal to what the emulator answers for that window directly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import type { IntervalParam } from '@/lib/authy/interval';
import type { HistogramResponse } from '@/lib/authy/responses';
import { encodeHistogramQuery } from '@/lib/authy/schemas';
import { EMULATOR_KEY, NOW, smallEmulator, standaloneEmulator } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { httpServiceFor, serviceFor } from '@/test/support/services';

let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;
beforeAll(async () => {
  upstream = await standaloneEmulator({ ratePerMinute: 1e6, ratePerHour: 1e6 });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const REPORTS: Report[] = [
  { name: 'verified', conditions: [{ attribute: 'event', operator: 'eq', value: 'token_verified' }] },
  { name: 'invalid', conditions: [{ attribute: 'event', operator: 'eq', value: 'token_invalid' }] },
];
const window = (from: string, to: string): Condition[] => [
  { attribute: 'time', operator: 'gte', value: from },
  { attribute: 'time', operator: 'lt', value: to },
];
const SIXTY_DAYS = window('2019-11-16T00:00:00.000Z', '2020-01-15T12:00:00.000Z');
const LAST_WEEK = window('2020-01-08T00:00:00.000Z', '2020-01-15T00:00:00.000Z');
const generous = () => httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });

const twin = smallEmulator({ ratePerMinute: 1e6, ratePerHour: 1e6 });
async function direct(scope: Condition[], interval: IntervalParam): Promise<HistogramResponse> {
  const search = encodeHistogramQuery({ reports: REPORTS, scope, interval, page: 1, per_page: 100 });
  const request = new Request(`http://emulator.invalid/protected/json/reporting/date_histogram?${search}`, {
    headers: { 'X-Authy-API-Key': EMULATOR_KEY },
  });
  return (await (await twin.handle(request)).json()) as HistogramResponse;
}

const histogramCalls = async () => (await upstream.stats()).requests.date_histogram;

describe('a first bucket cut by the window', () => {
  it('is answered again from the fresh run, not dropped', async () => {
    // A 60-day window by the year: its first bucket (2019) starts before the window and is cut.
    const { service } = generous();
    const first = await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'year' });
    expect(first.data.reports.verified.map((b) => b.time)).toEqual([
      '2019-01-01T00:00:00.000Z',
      '2020-01-01T00:00:00.000Z',
    ]);
    const again = await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'year' });
    expect(again.meta.calls).toBe(0);
    expect(again.data.reports).toEqual(first.data.reports);
    expect(first.data.reports).toEqual((await direct(SIXTY_DAYS, 'year')).reports);
  });
});

describe('closed buckets', () => {
  it('answer a 7-day daily series inside a 60-day daily one with 0 calls, bucket for bucket as the emulator', async () => {
    const { service } = generous();
    await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'day' });
    expect(await histogramCalls()).toBe(1);

    const week = await service.histogram({ reports: REPORTS, scope: LAST_WEEK, interval: 'day' });
    expect(await histogramCalls()).toBe(1);
    expect(week.meta).toMatchObject({ cache: 'hit', calls: 0 });
    const want = await direct(LAST_WEEK, 'day');
    expect(want.reports.verified).toHaveLength(7);
    expect(week.data.reports).toEqual(want.reports);
  });

  it('stay good after the cache entry expires: a closed window costs nothing, an open one only its open bucket', async () => {
    const clock = new ManualClock(NOW);
    const { service, sent } = httpServiceFor(upstream.url, { clock });
    await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'day' });
    clock.advance(61_000);
    await service.histogram({ reports: REPORTS, scope: LAST_WEEK, interval: 'day' });
    expect(await histogramCalls()).toBe(1);
    const open = window('2020-01-08T00:00:00.000Z', '2020-01-15T12:00:00.000Z');
    const got = await service.histogram({ reports: REPORTS, scope: open, interval: 'day' });
    expect(await histogramCalls()).toBe(2);
    expect(sent).toHaveLength(2);
    expect(got.data.reports).toEqual((await direct(open, 'day')).reports);
  });

  it('leave the rest to the upstream: a cut first bucket, another interval or scope, days outside', async () => {
    const { service } = generous();
    await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'day' });
    const misaligned = window('2020-01-08T06:00:00.000Z', '2020-01-15T00:00:00.000Z');
    const got = await service.histogram({ reports: REPORTS, scope: misaligned, interval: 'day' });
    expect(await histogramCalls()).toBe(2);
    expect(got.data.reports).toEqual((await direct(misaligned, 'day')).reports);

    await service.histogram({ reports: REPORTS, scope: LAST_WEEK, interval: '6h' });
    expect(await histogramCalls()).toBe(3);
    const scoped = [...LAST_WEEK, { attribute: 'objects.user.s_country_code', operator: 'eq' as const, value: '1' }];
    await service.histogram({ reports: REPORTS, scope: scoped, interval: 'day' });
    expect(await histogramCalls()).toBe(4);
    const earlier = window('2019-11-01T00:00:00.000Z', '2019-12-01T00:00:00.000Z');
    const wider = await service.histogram({ reports: REPORTS, scope: earlier, interval: 'day' });
    expect(await histogramCalls()).toBe(5);
    expect(wider.data.reports).toEqual((await direct(earlier, 'day')).reports);
  });
});

describe('a relative window', () => {
  it('moved by one slot fetches only its open bucket, and answers what the emulator answers', async () => {
    const clock = new ManualClock(NOW);
    const asked: URL[] = [];
    const { service } = serviceFor({
      fetch: (request) => {
        asked.push(new URL(request.url));
        return fetch(request);
      },
      baseUrl: upstream.url,
      clock,
    });
    const hist = { reports: REPORTS, scope: [], interval: 'day' as const };
    const first = await service.histogram(hist, { range: '30d' });
    expect(asked).toHaveLength(1);
    clock.advance(5 * 60_000);
    const moved = await service.histogram(hist, { range: '30d' });
    expect(asked).toHaveLength(2);
    expect(moved.meta.calls).toBe(1);
    expect(asked[1].searchParams.get('scope[time][gte]')).toBe('2020-01-15T00:00:00.000Z');
    expect(asked[1].searchParams.get('scope[time][lt]')).toBe('2020-01-15T12:05:00.000Z');
    expect(moved.meta.window).toEqual({ from: first.meta.window?.from, to: '2020-01-15T12:05:00.000Z' });
    const whole = window(moved.meta.window?.from ?? '', moved.meta.window?.to ?? '');
    expect(moved.data.reports).toEqual((await direct(whole, 'day')).reports);
  });
});

describe('roll-ups', () => {
  it.each<{ finer: IntervalParam; coarser: IntervalParam; from: string; to: string }>([
    { finer: 'hour', coarser: 'day', from: '2020-01-06T00:00:00.000Z', to: '2020-01-13T00:00:00.000Z' },
    { finer: 'day', coarser: 'week', from: '2019-11-04T00:00:00.000Z', to: '2020-01-13T00:00:00.000Z' },
    { finer: 'day', coarser: 'month', from: '2019-10-01T00:00:00.000Z', to: '2020-01-01T00:00:00.000Z' },
    { finer: '6h', coarser: 'day', from: '2019-12-20T00:00:00.000Z', to: '2020-01-03T00:00:00.000Z' },
  ])('$finer into $coarser costs no call and equals the emulator own $coarser answer', async (c) => {
    const { service } = generous();
    const scope = window(c.from, c.to);
    await service.histogram({ reports: REPORTS, scope, interval: c.finer }, { acceptedCost: 100 });
    const spent = await histogramCalls();
    const rolled = await service.histogram({ reports: REPORTS, scope, interval: c.coarser });
    expect(await histogramCalls()).toBe(spent);
    expect(rolled.meta.calls).toBe(0);
    const want = await direct(scope, c.coarser);
    expect(want.reports.verified.length).toBeGreaterThan(1);
    expect(rolled.data.reports).toEqual(want.reports);
  });

  it('does not roll weeks into months (a month does not start on a Monday)', async () => {
    const { service } = generous();
    await service.histogram({
      reports: REPORTS,
      scope: window('2019-09-30T00:00:00.000Z', '2020-01-13T00:00:00.000Z'),
      interval: 'week',
    });
    const spent = await histogramCalls();
    await service.histogram({
      reports: REPORTS,
      scope: window('2019-11-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'),
      interval: 'month',
    });
    expect(await histogramCalls()).toBe(spent + 1);
  });
});
