/**
 * Histogram derivation from a cached superset, counted against the standalone emulator: a
 * daily series over an aligned window inside a cached daily series is sliced from it with no
 * upstream call, and equals what the emulator answers for that window directly; anything the
 * cached buckets cannot answer exactly still goes upstream.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import type { IntervalParam } from '@/lib/authy/interval';
import type { HistogramResponse } from '@/lib/authy/responses';
import { encodeHistogramQuery } from '@/lib/authy/schemas';
import { EMULATOR_KEY, NOW, smallEmulator, standaloneEmulator } from '@/test/support/emulator';
import { ManualClock } from '@/test/support/fakes';
import { httpServiceFor } from '@/test/support/services';

let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;
beforeAll(async () => {
  upstream = await standaloneEmulator();
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
/** The overview at 30d: previous and current period, up to "now" (not a day boundary). */
const SIXTY_DAYS = window('2019-11-16T00:00:00.000Z', '2020-01-15T12:00:00.000Z');
const LAST_WEEK = window('2020-01-08T00:00:00.000Z', '2020-01-15T00:00:00.000Z');

const twin = smallEmulator({ ratePerMinute: 1e6, ratePerHour: 1e6 });
async function direct(scope: Condition[], interval: IntervalParam): Promise<HistogramResponse> {
  const search = encodeHistogramQuery({ reports: REPORTS, scope, interval, page: 1, per_page: 100 });
  const request = new Request(`http://emulator.invalid/protected/json/reporting/date_histogram?${search}`, {
    headers: { 'X-Authy-API-Key': EMULATOR_KEY },
  });
  return (await (await twin.handle(request)).json()) as HistogramResponse;
}

const histogramCalls = async () => (await upstream.stats()).requests.date_histogram;

describe('histogram derivation from a cached superset', () => {
  it('answers a 7-day daily series inside a cached 60-day daily one with 0 calls, bucket for bucket as the emulator', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
    await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'day' });
    expect(await histogramCalls()).toBe(1);

    const week = await service.histogram({ reports: REPORTS, scope: LAST_WEEK, interval: 'day' });
    expect(await histogramCalls()).toBe(1);
    expect(week.meta.cache).toBe('hit');
    const want = await direct(LAST_WEEK, 'day');
    expect(want.reports.verified).toHaveLength(7);
    expect(week.data.reports).toEqual(want.reports);
  });

  it('goes upstream when the bounds are not bucket starts, the interval or the scope differ, or the window reaches outside', async () => {
    const { service } = httpServiceFor(upstream.url, { clock: new ManualClock(NOW) });
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
    await service.histogram({
      reports: REPORTS,
      scope: window('2019-11-01T00:00:00.000Z', '2019-12-01T00:00:00.000Z'),
      interval: 'day',
    });
    expect(await histogramCalls()).toBe(5);
  });

  it('does not derive from a cached series that is no longer fresh', async () => {
    const clock = new ManualClock(NOW);
    const { service } = httpServiceFor(upstream.url, { clock });
    await service.histogram({ reports: REPORTS, scope: SIXTY_DAYS, interval: 'day' });
    clock.advance(61_000);
    await service.histogram({ reports: REPORTS, scope: LAST_WEEK, interval: 'day' });
    expect(await histogramCalls()).toBe(2);
  });
});
