/**
 * The Authy Reporting API emulator: a deterministic generated data set behind the real API's
 * paths, parameters, errors, limits and retention, with a clock that reveals new traffic as it
 * moves, plus fault injection and counters for tests.
 * Nothing here imports from lib/reporting/ (the client it stands in for) or React/Next.
 */
import { createDataset, type EmulatorDataset } from './dataset';
import { FaultInjector, faultsUpdateSchema, type FaultsUpdate } from './faults';
import { DAY, MINUTE } from './generation-context';
import { createHandler } from './handler';
import { SlidingLogLimiter } from './rate-limit';
import type { EmulatorSettings, Faults } from './settings';
import { copyStats, emptyStats, type EmulatorStats } from './stats';
import { Timeline } from './timeline';
import { visibleAt } from './visibility';

export type { EmulatorDataset } from './dataset';
export type { Faults } from './settings';
export type { EmulatorStats } from './stats';
export { API_KEY_HEADER } from './handler';

export type EmulatorOptions = {
  seed: number;
  events: number;
  users?: number;
  /**
   * Epoch ms where the generated history (`events` of them, two years) ends and the
   * emulator's clock starts; default Date.now() at creation.
   */
  now?: number;
  /**
   * Days the API keeps: no endpoint shows an event older than the clock minus this. Default 0,
   * everything, so a test sees the whole history unless it asks for the API's limit (the
   * EMULATOR_RETENTION_DAYS setting, used by demo mode and the standalone server, defaults to 90).
   */
  retentionDays?: number;
  apiKey: string;
  ratePerMinute: number;
  ratePerHour: number;
  latencyMs?: number;
  faults?: Partial<Faults>;
  /**
   * How time passes, epoch ms; default Date.now (real time). Only its differences count: the
   * emulator's clock is `now` + (clock() − clock() at creation), and it decides what the API
   * shows and when the rate limits' windows pass. A test moves time with a clock it controls.
   */
  clock?: () => number;
};

export interface Emulator {
  /** fetch-compatible: serves the API and the /__emulator/* control paths for any origin. */
  handle(request: Request): Promise<Response>;
  /** The emulator's clock, epoch ms: the API shows events with time up to it. */
  now(): number;
  stats(): EmulatorStats;
  reset(): void;
  setFaults(f: Partial<Faults> & { latencyMs?: number }): void;
  /** Read-only ground truth of what has happened by now; generates the data on first use. */
  dataset: EmulatorDataset;
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const start = options.now ?? Date.now();
  const clock = options.clock ?? Date.now;
  const clockAtStart = clock();
  const now = () => start + (clock() - clockAtStart);
  const retentionMs = (options.retentionDays ?? 0) * DAY;
  // Generated on first use, so creating an emulator (at server start) costs nothing.
  const timeline = new Timeline({ seed: options.seed, events: options.events, users: options.users, now: start });
  const counters = emptyStats();
  const limiter = new SlidingLogLimiter({ perMinute: options.ratePerMinute, perHour: options.ratePerHour }, now);
  const faults = new FaultInjector({ ...options.faults, latencyMs: options.latencyMs ?? 0 }, options.seed);
  const lateness = () => {
    const { late, lateMinutes } = faults.current;
    return { lateShare: late, lateMs: lateMinutes * MINUTE };
  };
  const stats = () => copyStats(counters);
  const reset = () => {
    Object.assign(counters, emptyStats());
    limiter.reset();
  };
  const snapshot = () => {
    const at = now();
    const table = timeline.tableAt(at);
    return { table, visible: visibleAt(table.store, { now: at, retentionMs, ...lateness() }) };
  };
  const handle = createHandler({ apiKey: options.apiKey, snapshot, limiter, counters, faults, stats, reset });

  return {
    handle,
    now,
    stats,
    reset,
    // Validated like the control path's body: a share outside 0-1 is a caller's bug.
    setFaults: (change: FaultsUpdate) => faults.update(faultsUpdateSchema.parse(change)),
    dataset: createDataset({
      view: () => {
        const at = now();
        return { table: timeline.tableAt(at), now: at };
      },
      lateness,
    }),
  };
}

export function emulatorOptionsFromSettings(s: EmulatorSettings): EmulatorOptions {
  return {
    seed: s.EMULATOR_SEED,
    events: s.EMULATOR_EVENTS,
    users: s.EMULATOR_USERS,
    now: s.EMULATOR_NOW ? Date.parse(s.EMULATOR_NOW) : undefined,
    retentionDays: s.EMULATOR_RETENTION_DAYS,
    apiKey: s.EMULATOR_API_KEY,
    ratePerMinute: s.EMULATOR_RATE_LIMIT_PER_MINUTE,
    ratePerHour: s.EMULATOR_RATE_LIMIT_PER_HOUR,
    latencyMs: s.EMULATOR_LATENCY_MS,
    faults: s.EMULATOR_FAULTS,
  };
}
