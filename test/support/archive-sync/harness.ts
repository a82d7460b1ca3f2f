/**
 * For the sync's tests and benchmark: the sync wired to an emulator (in process), the real
 * upstream client and limiter, a clock that moves only when told, and a driver that runs the
 * lanes in that virtual time: every lane whose rest is over steps, and when all rest, the
 * clock jumps to the first one due. Upstream calls take no virtual time.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { UpstreamQuery } from '@/lib/authy/schemas';
import type { Database } from '@/lib/db/schema';
import { createEmulator, type Emulator, type EmulatorOptions } from '@/lib/emulator';
import { Limiter, type Ticket } from '@/lib/reporting/limiter';
import { upstreamLimiterPolicy } from '@/lib/reporting/policies';
import { MemorySlidingLog } from '@/lib/reporting/sliding-log-memory';
import { capturingLogger, ManualClock } from '@/test/support/fakes';
import { createUpstreamClient, type FetchLike } from '@/lib/reporting/upstream-client';
import { SyncContext } from '@/lib/archive/sync/context';
import { DAY } from '@/lib/archive/sync/intervals';
import { createLanes, LANES, type LaneName, type Lanes } from '@/lib/archive/sync/lanes';
import { limitedUpstream } from '@/lib/archive/sync/limited-upstream';
import { UpstreamError } from '@/lib/reporting/upstream-errors';
import type { ArchiveCallClass } from '@/lib/archive/sync/schema';
import type { ArchiveSyncDeps, ArchiveSyncSettings, ArchiveUpstream } from '@/lib/archive/sync/types';

export const EMULATOR_KEY = 'archive-sync-test-key-5b7e1d';
/** The emulator's data ends here (and goes back two years). */
export const DATA_END = Date.parse('2020-01-15T12:00:00.000Z');

export const TEST_SETTINGS: ArchiveSyncSettings = {
  enabled: true,
  retentionDays: 0,
  apiRetentionDays: 90,
  liveActiveSeconds: 60,
  liveIdleSeconds: 300,
  lookbackMinutes: 10,
  settleMarginMinutes: 15,
  windowTarget: 500,
};

export function testEmulator(overrides: Partial<EmulatorOptions> = {}): Emulator {
  return createEmulator({
    seed: 7,
    events: 20_000,
    now: DATA_END,
    apiKey: EMULATOR_KEY,
    ratePerMinute: 1_000_000,
    ratePerHour: 1_000_000,
    ...overrides,
  });
}

export type LoggedCall = {
  cls: ArchiveCallClass;
  query: UpstreamQuery;
  at: number;
  /** `ok`, or how the upstream failed. */
  outcome: 'ok' | UpstreamError['failure'];
};

/** Calls that reached the upstream, in order. */
export class CallLog {
  readonly calls: LoggedCall[] = [];

  count(filter: { cls?: ArchiveCallClass; endpoint?: UpstreamQuery['endpoint'] } = {}): number {
    return this.calls.filter(
      (c) => (!filter.cls || c.cls === filter.cls) && (!filter.endpoint || c.query.endpoint === filter.endpoint),
    ).length;
  }
}

export type HarnessOptions = {
  db: () => Promise<Kysely<Database>>;
  /** What the upstream answers: an in-process emulator's handler, or fetch to a standalone one. */
  fetch: FetchLike;
  clock: ManualClock;
  settings?: Partial<ArchiveSyncSettings>;
  /** The limiter's limits (the archive's share of them is `share`). */
  budget?: { perMinute: number; perHour: number; share: number };
  timeoutMs?: number;
  appId?: string;
  /** The limiter's ticket for each class: all alike (interactive) unless given. */
  ticketFor?: (cls: ArchiveCallClass) => Ticket;
};

export type Harness = {
  ctx: SyncContext;
  lanes: Lanes;
  deps: ArchiveSyncDeps;
  calls: CallLog;
  limiter: Limiter;
  logLines: string[];
};

/**
 * The sync over the real client and a limiter sized to the archive's share (at interactive
 * priority, so the background reserve does not shrink it), refusing at once when the share is
 * spent (`maxWaitMs` 0): the sync then rests in virtual time.
 */
export function harness(options: HarnessOptions): Harness {
  const budget = options.budget ?? { perMinute: 1_000_000, perHour: 1_000_000, share: 1 };
  const policy = upstreamLimiterPolicy({
    perMinute: Math.max(1, Math.floor(budget.perMinute * budget.share)),
    perHour: Math.max(1, Math.floor(budget.perHour * budget.share)),
    maxWaitMs: 0,
  });
  const limiter = new Limiter(new MemorySlidingLog(policy), policy, options.clock);
  const client = createUpstreamClient({
    fetch: options.fetch,
    baseUrl: 'http://emulator.invalid',
    apiKey: EMULATOR_KEY,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  const limited = limitedUpstream({
    client,
    limiter,
    ticketFor: options.ticketFor ?? (() => ({ priority: 'interactive' })),
  });
  const calls = new CallLog();
  const { logger, lines } = capturingLogger();
  const deps: ArchiveSyncDeps = {
    appId: options.appId ?? 'app_test',
    db: options.db,
    upstream: counting(limited, calls, options.clock),
    budget,
    settings: { ...TEST_SETTINGS, ...options.settings },
    clock: options.clock,
    log: logger,
    allowImport: true,
  };
  const ctx = new SyncContext(deps);
  return { ctx, lanes: createLanes(ctx), deps, calls, limiter, logLines: lines };
}

/** Records the calls that reached the upstream (answered, or failed there); a limiter refusal is not one. */
function counting(inner: ArchiveUpstream, log: CallLog, clock: ManualClock): ArchiveUpstream {
  return {
    async get(query, cls) {
      const record = (outcome: LoggedCall['outcome']) => log.calls.push({ cls, query, at: clock.now(), outcome });
      try {
        const answer = await inner.get(query, cls);
        record('ok');
        return answer;
      } catch (error) {
        if (error instanceof UpstreamError) record(error.failure);
        throw error;
      }
    },
  };
}

/**
 * Runs the lanes in virtual time until `done` holds, or fails after `maxVirtualMs` of it.
 * Lanes due at the same instant run one after another in priority order.
 */
export async function drive(
  h: Pick<Harness, 'lanes'>,
  clock: ManualClock,
  done: () => boolean | Promise<boolean>,
  options: { maxVirtualMs?: number; lanes?: readonly LaneName[] } = {},
): Promise<void> {
  const lanes = options.lanes ?? LANES;
  const limit = clock.now() + (options.maxVirtualMs ?? 30 * DAY);
  const nextAt = new Map(lanes.map((lane) => [lane, clock.now()]));
  while (!(await done())) {
    const due = lanes.filter((lane) => (nextAt.get(lane) ?? 0) <= clock.now());
    if (due.length === 0) {
      clock.t = Math.min(...nextAt.values());
      if (clock.t > limit) throw new Error('drive: the sync did not get there in the virtual time given');
      continue;
    }
    for (const lane of due) nextAt.set(lane, clock.now() + (await h.lanes.step(lane)));
  }
}

/** Moves the virtual clock by `ms` while the lanes run. */
export async function runFor(h: Pick<Harness, 'lanes'>, clock: ManualClock, ms: number, lanes?: readonly LaneName[]) {
  const end = clock.now() + ms;
  await drive(h, clock, () => clock.now() >= end, { maxVirtualMs: ms + DAY, lanes });
}
