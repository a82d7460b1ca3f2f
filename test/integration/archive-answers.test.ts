/**
 * The reporting service with the archive, against the emulator over HTTP: what the archive
 * holds is answered from it, the same as the upstream would, at no call; history past the
 * upstream's retention stays answerable; what it does not hold goes upstream as before; what
 * neither holds is named (`meta.knownFrom`); months it holds are counted exactly at no call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveAnswers, type ArchiveAnswers } from '@/lib/archive/answers';
import { ArchiveQueries } from '@/lib/archive/query';
import { createArchiveSync, type ArchiveSync } from '@/lib/archive/sync';
import { RollupStore } from '@/lib/archive/sync/rollup-store';
import type { Condition } from '@/lib/authy/bracket-codec';
import type { HistogramResponse } from '@/lib/authy/responses';
import type { Store } from '@/lib/db/connect';
import { MemoryKeyValueStore } from '@/lib/db/kv';
import { ALL_EVENTS_REPORT } from '@/lib/queries/all-events';
import { upstreamLimiterPolicy } from '@/lib/reporting/policies';
import { MauService } from '@/lib/reporting/mau/mau-service';
import { NOW, standaloneEmulator, totalRequests } from '@/test/support/emulator';
import { capturingLogger, ManualClock } from '@/test/support/fakes';
import { TEST_SETTINGS } from '@/test/support/archive-sync/harness';
import { serviceFor } from '@/test/support/services';
import { backends } from '@/test/support/stores';

const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const RETENTION_MS = RETENTION_DAYS * DAY;
/** The archive holds the emulator's last 60 days: twice what the upstream still shows. */
const HELD_FROM = NOW - 60 * DAY;
const iso = (t: number) => new Date(t).toISOString();
const window = (from: number, to: number): Condition[] => [
  { attribute: 'time', operator: 'gte', value: iso(from) },
  { attribute: 'time', operator: 'lt', value: iso(to) },
];
const total = (h: HistogramResponse) =>
  Object.values(h.reports)
    .flat()
    .reduce((sum, b) => sum + b.count, 0);

describe.each(backends)('answers from the archive on $name', (backend) => {
  let upstream: Awaited<ReturnType<typeof standaloneEmulator>>;
  let store: Store;
  let closeStore: () => Promise<void>;
  let sync: ArchiveSync;
  let archive: ArchiveAnswers;
  const clock = new ManualClock(NOW);
  const policy = upstreamLimiterPolicy({ perMinute: 1_000, perHour: 10_000, maxWaitMs: 0 });
  const calls = async () => totalRequests(await upstream.stats());

  beforeAll(async () => {
    upstream = await standaloneEmulator({
      clock: () => NOW,
      retentionDays: RETENTION_DAYS,
      ratePerMinute: 1_000,
      ratePerHour: 10_000,
    });
    ({ store, close: closeStore } = await backend.open());
    sync = createArchiveSync({
      appId: 'app_answers',
      db: async () => store.db,
      upstream: { get: () => Promise.reject(new Error('the sync does not run in this test')) },
      budget: { perMinute: 1_000, perHour: 10_000, share: 0.5 },
      settings: { ...TEST_SETTINGS, apiRetentionDays: RETENTION_DAYS },
      clock,
      log: capturingLogger().logger,
      allowImport: true,
    });
    // The whole truth of the last 60 days, as a finished backfill would hold it.
    await sync.importEvents([...upstream.emulator.dataset.eventsIn({ from: HELD_FROM, to: NOW })], { label: 'test' });
    await sync.markCovered(HELD_FROM, NOW, 'test');
    archive = archiveAnswers({
      sync,
      queries: new ArchiveQueries(async () => store),
      appId: 'app_answers',
      upstreamRetentionMs: RETENTION_MS,
      freshMs: 60_000,
      maxStaleMs: 3_600_000,
      catchUpWaitMs: 100,
      clock,
    });
  }, 120_000);
  afterAll(async () => {
    await closeStore();
    await upstream.close();
  });

  const services = () => ({
    local: serviceFor({
      fetch: (r) => fetch(r),
      baseUrl: upstream.url,
      clock,
      limiterPolicy: policy,
      archive,
      upstreamRetentionMs: RETENTION_MS,
    }).service,
    proxy: serviceFor({
      fetch: (r) => fetch(r),
      baseUrl: upstream.url,
      clock,
      limiterPolicy: policy,
      upstreamRetentionMs: RETENTION_MS,
    }).service,
  });

  it('answers a window it holds as the upstream does, at no call', async () => {
    const { local, proxy } = services();
    const scope = window(NOW - 7 * DAY, NOW);
    const histogram = { reports: [ALL_EVENTS_REPORT], scope, interval: '1d' as const };
    const terms = { field: 'objects.user.s_country_code', size: 10, scope };
    const events = { query: scope, page: 2, per_page: 50 };

    const before = await calls();
    const answers = [await local.histogram(histogram), await local.terms(terms), await local.events(events)];
    expect(await calls()).toBe(before);
    for (const a of answers) expect(a.meta).toMatchObject({ source: 'archive', calls: 0 });
    expect(answers.every((a) => a.meta.knownFrom === undefined)).toBe(true);

    const upstreamAnswers = [await proxy.histogram(histogram), await proxy.terms(terms), await proxy.events(events)];
    expect(await calls()).toBe(before + 3);
    for (const a of upstreamAnswers) expect(a.meta.source).toBe('upstream');
    expect(answers.map((a) => a.data)).toEqual(upstreamAnswers.map((a) => a.data));
  });

  it('keeps answering past the upstream’s retention, where the proxy has nothing to say', async () => {
    const { local, proxy } = services();
    const from = NOW - 50 * DAY;
    const to = NOW - 40 * DAY;
    const histogram = { reports: [ALL_EVENTS_REPORT], scope: window(from, to), interval: '1d' as const };
    const truth = upstream.emulator.dataset.countBetween(from, to);
    expect(truth).toBeGreaterThan(0);

    const held = await local.histogram(histogram);
    expect(total(held.data)).toBe(truth);
    expect(held.meta).toMatchObject({ source: 'archive', calls: 0 });
    expect(held.meta.knownFrom).toBeUndefined();

    const gone = await proxy.histogram(histogram);
    expect(total(gone.data)).toBe(0);
    // The proxy alone says why it has nothing: nothing before the upstream's retention is known.
    expect(gone.meta.knownFrom).toBe(iso(NOW - RETENTION_MS));
  });

  it('answers the buckets it holds of a partly held histogram, and asks the upstream only for the rest', async () => {
    const { local, proxy } = services();
    const to = NOW - 20 * DAY;
    const histogram = (from: number) => ({
      reports: [ALL_EVENTS_REPORT],
      scope: window(from, to),
      interval: '6h' as const,
    });
    const truth = upstream.emulator.dataset.countBetween(HELD_FROM, to);

    const before = await calls();
    const split = await local.histogram(histogram(NOW - 75 * DAY));
    // 300 buckets would be 3 pages as one run; the 15 days before the archive's start are one.
    expect(await calls()).toBe(before + 1);
    expect(split.meta).toMatchObject({ source: 'mixed', knownFrom: iso(HELD_FROM) });
    expect(total(split.data)).toBe(truth);
    expect(split.data).toEqual((await local.histogram(histogram(HELD_FROM))).data);

    const whole = await proxy.histogram(histogram(NOW - 75 * DAY));
    expect(total(whole.data)).toBeLessThan(truth);
  });

  it('sends what it does not hold upstream, and names what nobody holds', async () => {
    const { local } = services();
    const from = NOW - 90 * DAY;
    const answer = await local.terms({ field: 'event', size: 5, scope: window(from, NOW) });
    expect(answer.meta).toMatchObject({ source: 'upstream', calls: 1 });
    // The proxy answered: it counted what the upstream keeps, whatever the archive holds.
    expect(answer.meta.knownFrom).toBe(iso(NOW - RETENTION_MS));
  });

  const mauService = () => {
    const { local } = services();
    return new MauService({
      terms: (query, asker) => local.terms(query, asker),
      store: new MemoryKeyValueStore(),
      now: () => clock.now(),
      callBudget: 20,
      events: 'all',
      settleMarginMs: 15 * 60_000,
      archive,
      upstreamKnownFrom: () => local.upstreamKnownFrom(),
    });
  };

  it('counts a month it holds whole exactly, at no call', async () => {
    const mau = mauService();
    const held = new Date(NOW - 40 * DAY).toISOString().slice(0, 7);
    const before = await calls();
    const result = await mau.count([held]);
    expect(await calls()).toBe(before);
    expect(result.months[0]).toMatchObject({
      month: held,
      exact: true,
      source: 'archive',
      callsThisRequest: 0,
      knownFrom: null,
      activeUsers: upstream.emulator.dataset.distinctUsersInMonth(held),
    });
    expect(await mau.plan([held])).toBe(0);
  });

  it('names what an upstream count of a month it holds only part of leaves out', async () => {
    // November 2019 starts before the archive's copy and ends before the upstream's 30 days:
    // the upstream counts none of it, whatever the archive holds of its second half.
    const month = '2019-11';
    expect(Date.parse('2019-11-01')).toBeLessThan(HELD_FROM);
    const result = await mauService().count([month], { maxCalls: 2 });
    expect(result.months[0]).toMatchObject({ month, source: 'upstream', knownFrom: iso(NOW - RETENTION_MS) });
  });

  describe('with rollups of the time before its events', () => {
    const HOUR = 3_600_000;
    const ROLLED_FROM = NOW - 90 * DAY - 12 * HOUR;

    beforeAll(async () => {
      // What a sync in `partial` mode keeps before its events: each hour's count per event name.
      const counts = new Map<string, number>();
      for (const e of upstream.emulator.dataset.eventsIn({ from: ROLLED_FROM, to: HELD_FROM })) {
        const key = `${Math.floor(Date.parse(e.time) / HOUR) * HOUR} ${e.event}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const hourly = [...counts].map(([key, count]) => {
        const [hour, event] = key.split(' ');
        return { hour: Number(hour), event, count };
      });
      await new RollupStore(async () => store.db, 'app_answers').putHourly(
        { from: ROLLED_FROM, to: HELD_FROM },
        hourly,
      );
    });

    it('answers a histogram from its rollups and its events together, at no call', async () => {
      const { local } = services();
      const from = NOW - 80 * DAY - 12 * HOUR;
      const to = NOW - 20 * DAY - 12 * HOUR;
      const before = await calls();
      // Six-hour buckets: one of them starts where the events do (a bucket each held part of
      // would go upstream, see splitAtHeld).
      const answer = await local.histogram({ reports: [ALL_EVENTS_REPORT], scope: window(from, to), interval: '6h' });
      expect(await calls()).toBe(before);
      expect(answer.meta).toMatchObject({ source: 'archive', calls: 0 });
      expect(answer.meta.knownFrom).toBeUndefined();

      const perBucket = new Map<number, number>();
      for (const e of upstream.emulator.dataset.eventsIn({ from, to })) {
        const start = Math.floor(Date.parse(e.time) / (6 * HOUR)) * 6 * HOUR;
        perBucket.set(start, (perBucket.get(start) ?? 0) + 1);
      }
      expect(answer.data.reports[ALL_EVENTS_REPORT.name].map((b) => [b.timestamp, b.count])).toEqual(
        [...perBucket].sort(([a], [b]) => a - b),
      );
    });
  });
});
