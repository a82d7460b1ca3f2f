/**
 * A sync in a process of its own, for the killed-process test: the embedded store in argv[2],
 * the standalone emulator at argv[3], the application's id in argv[4]. Prints `call <class> <endpoint>` after each upstream
 * answer and `settled` once every backfill window is verified. Run with
 * `node --conditions=react-server --import tsx`.
 */
import { openStore } from '@/lib/db/connect';
import { createLogger } from '@/lib/log';
import { systemClock } from '@/lib/reporting/clock';
import { Limiter } from '@/lib/reporting/limiter';
import { upstreamLimiterPolicy } from '@/lib/reporting/policies';
import { MemorySlidingLog } from '@/lib/reporting/sliding-log-memory';
import { createUpstreamClient } from '@/lib/reporting/upstream-client';
import { createArchiveSync } from '@/lib/archive/sync/index';
import { limitedUpstream } from '@/lib/archive/sync/limited-upstream';
import { SyncStore } from '@/lib/archive/sync/sync-store';
import type { ArchiveUpstream } from '@/lib/archive/sync/types';
import { EMULATOR_KEY, TEST_SETTINGS } from './harness';

/** Two weeks of the emulator's 100,000 events: several windows of up to 500. */
const settings = {
  ...TEST_SETTINGS,
  apiRetentionDays: 14,
  windowTarget: 500,
  // A few seconds, so the newest window settles within the test.
  settleMarginMinutes: 0.05,
  lookbackMinutes: 0.05,
};

const [dataDir, emulatorUrl, appId] = process.argv.slice(2);
const store = await openStore({ dataDir });
const policy = upstreamLimiterPolicy({ perMinute: 100_000, perHour: 1_000_000, maxWaitMs: 1_000 });
const limited = limitedUpstream({
  client: createUpstreamClient({
    fetch: (r) => fetch(r),
    baseUrl: emulatorUrl,
    apiKey: EMULATOR_KEY,
    timeoutMs: 20_000,
  }),
  limiter: new Limiter(new MemorySlidingLog(policy), policy),
  ticketFor: () => ({ priority: 'background' }),
});
const printing: ArchiveUpstream = {
  async get(query, cls) {
    const answer = await limited.get(query, cls);
    process.stdout.write(`call ${cls} ${query.endpoint}\n`);
    return answer;
  },
};
const sync = createArchiveSync(
  {
    appId,
    db: async () => store.db,
    upstream: printing,
    budget: { perMinute: 100_000, perHour: 1_000_000, share: 1 },
    settings,
    clock: systemClock,
    log: createLogger({ level: 'warn', destination: process.stderr }),
  },
  { tickMs: 50, leaseTtlMs: 2_000 },
);
sync.start();

const windows = new SyncStore(async () => store.db, appId);
setInterval(() => {
  void (async () => {
    const open = (await windows.windows(['unplanned', 'queued', 'copied'])).filter((w) => w.kind === 'backfill');
    if ((await windows.state()) && open.length === 0) process.stdout.write('settled\n');
  })().catch(() => undefined);
}, 250);
