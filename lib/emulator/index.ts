/**
 * The Authy Reporting API emulator: a deterministic generated data set behind the real API's
 * paths, parameters, errors and limits, plus fault injection and counters for tests.
 * Nothing here imports from lib/reporting/ (the client it stands in for) or React/Next.
 */
import { createDataset, type EmulatorDataset } from './dataset';
import { FaultInjector, faultsUpdateSchema, type FaultsUpdate } from './faults';
import { generateStore } from './generator';
import { createHandler } from './handler';
import { SlidingLogLimiter } from './rate-limit';
import type { EmulatorSettings, Faults } from './settings';
import { copyStats, emptyStats, type EmulatorStats } from './stats';
import { createTable, type Table } from './table';

export type { EmulatorDataset } from './dataset';
export type { Faults } from './settings';
export type { EmulatorStats } from './stats';
export { API_KEY_HEADER } from './handler';

export type EmulatorOptions = {
  seed: number;
  events: number;
  users?: number;
  /** Epoch ms the data ends at; default Date.now() at creation. */
  now?: number;
  apiKey: string;
  ratePerMinute: number;
  ratePerHour: number;
  latencyMs?: number;
  faults?: Partial<Faults>;
  /** For the rate limiter; default Date.now. */
  clock?: () => number;
};

export interface Emulator {
  /** fetch-compatible: serves the API and the /__emulator/* control paths for any origin. */
  handle(request: Request): Promise<Response>;
  stats(): EmulatorStats;
  reset(): void;
  setFaults(f: Partial<Faults> & { latencyMs?: number }): void;
  /** Read-only ground truth; generates the data on first use. */
  dataset: EmulatorDataset;
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const now = options.now ?? Date.now();
  // Generated on first use, so creating an emulator (at server start) costs nothing.
  let table: Table | undefined;
  const getTable = () => {
    table ??= createTable(generateStore({ seed: options.seed, events: options.events, users: options.users, now }));
    return table;
  };
  const counters = emptyStats();
  const limiter = new SlidingLogLimiter(
    { perMinute: options.ratePerMinute, perHour: options.ratePerHour },
    options.clock ?? Date.now,
  );
  const faults = new FaultInjector({ ...options.faults, latencyMs: options.latencyMs ?? 0 }, options.seed);
  const stats = () => copyStats(counters);
  const reset = () => {
    Object.assign(counters, emptyStats());
    limiter.reset();
  };
  const handle = createHandler({ apiKey: options.apiKey, table: getTable, limiter, counters, faults, stats, reset });

  return {
    handle,
    stats,
    reset,
    // Validated like the control path's body: a share outside 0-1 is a caller's bug.
    setFaults: (change: FaultsUpdate) => faults.update(faultsUpdateSchema.parse(change)),
    dataset: createDataset(getTable),
  };
}

export function emulatorOptionsFromSettings(s: EmulatorSettings): EmulatorOptions {
  return {
    seed: s.EMULATOR_SEED,
    events: s.EMULATOR_EVENTS,
    users: s.EMULATOR_USERS,
    now: s.EMULATOR_NOW ? Date.parse(s.EMULATOR_NOW) : undefined,
    apiKey: s.EMULATOR_API_KEY,
    ratePerMinute: s.EMULATOR_RATE_LIMIT_PER_MINUTE,
    ratePerHour: s.EMULATOR_RATE_LIMIT_PER_HOUR,
    latencyMs: s.EMULATOR_LATENCY_MS,
    faults: s.EMULATOR_FAULTS,
  };
}
