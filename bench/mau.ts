/**
 * MAU benchmark: upstream calls spent per month to count monthly active users exactly, at about
 * 1,000, 5,000 and 20,000 users a month, against the lower bound of ⌈MAU/100⌉ calls (every call
 * returns at most 100 keys). Target: within 1.5× of the bound. Each month is counted cold (no
 * state, empty cache) through the real MAU service and reporting service, against the emulator;
 * calls are what the emulator served. "Warm" counts the same months newest first in one store,
 * as /api/mau does: each month after the first starts from its newer neighbour's partition. Naive prefix splitting (ten ranges per saturated prefix,
 * plus the prefix itself as a key) is measured on the same months for comparison.
 *
 * Run standalone: `npx tsx --conditions=react-server bench/mau.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { Emulator } from '../lib/emulator/index';
import { monthWindow } from '../lib/mau/months';
import { HARNESS_KEY, HARNESS_NOW, mauHarness } from '../test/support/mau';

export type MauBenchRow = {
  target: number;
  months: number;
  meanUsers: number;
  meanCalls: number;
  meanBound: number;
  /** Total calls over total bound. */
  ratio: number;
  worstRatio: number;
  /** Counting the months newest first, each after its newer neighbour is exact (what /api/mau does). */
  warmRatio: number;
  naiveRatio: number;
};

/** Data sets whose recent months hold about `target` active users (measured, not assumed). */
const SIZES = [
  { target: 1_000, users: 1_600, events: 60_000, seeds: [1, 2, 3] },
  { target: 5_000, users: 8_000, events: 300_000, seeds: [1, 2] },
  { target: 20_000, users: 32_000, events: 1_200_000, seeds: [1] },
];
const PAST_MONTHS = 6;
/** Months within this share of the target count towards its row. */
const TOLERANCE = 0.35;

export async function benchMau(options: { naive?: boolean } = {}): Promise<MauBenchRow[]> {
  const rows: MauBenchRow[] = [];
  for (const size of SIZES) {
    const measured: { users: number; calls: number; naive: number }[] = [];
    const warm: { users: number; calls: number }[] = [];
    for (const seed of size.seeds) {
      const base = mauHarness({ seed, events: size.events, users: size.users });
      const near = (users: number) => Math.abs(users - size.target) <= size.target * TOLERANCE;
      const recent = base.emulator.dataset.monthlyActiveUsers().slice(-1 - PAST_MONTHS, -1);
      const months = recent.filter((m) => near(m.users));
      for (const { month, users } of months) {
        // A fresh service and store per month: every month is counted cold.
        const h = mauHarness({ emulator: base.emulator, events: 0, users: 0 });
        const [result] = (await h.mau.count([month])).months;
        if (!result.exact || result.activeUsers !== users)
          throw new Error(`${month}: counted ${result.activeUsers}, truth ${users}`);
        const naive = options.naive === false ? 0 : await naiveCalls(base.emulator, month);
        measured.push({ users, calls: result.upstreamCalls, naive });
      }
      warm.push(
        ...(
          await warmCalls(
            base.emulator,
            recent.map((m) => m.month),
          )
        ).filter((m) => near(m.users)),
      );
    }
    const bound = (users: number) => Math.ceil(users / 100);
    const sum = (f: (m: (typeof measured)[number]) => number) => measured.reduce((s, m) => s + f(m), 0);
    rows.push({
      target: size.target,
      months: measured.length,
      meanUsers: sum((m) => m.users) / measured.length,
      meanCalls: sum((m) => m.calls) / measured.length,
      meanBound: sum((m) => bound(m.users)) / measured.length,
      ratio: sum((m) => m.calls) / sum((m) => bound(m.users)),
      worstRatio: Math.max(...measured.map((m) => m.calls / bound(m.users))),
      warmRatio: warm.reduce((s, m) => s + m.calls, 0) / warm.reduce((s, m) => s + bound(m.users), 0),
      naiveRatio: sum((m) => m.naive) / sum((m) => bound(m.users)),
    });
  }
  return rows;
}

/** Consecutive months newest first, one store: every month after the first starts from its neighbour. */
async function warmCalls(emulator: Emulator, months: readonly string[]): Promise<{ users: number; calls: number }[]> {
  const h = mauHarness({ emulator, events: 0, users: 0 });
  const counted: { users: number; calls: number }[] = [];
  for (const [i, month] of [...months].sort().reverse().entries()) {
    const [result] = (await h.mau.count([month])).months;
    if (!result.exact || result.activeUsers !== h.truth(month))
      throw new Error(`${month}: warm count ${result.activeUsers} is wrong`);
    if (i > 0) counted.push({ users: result.activeUsers, calls: result.upstreamCalls });
  }
  return counted;
}

/** Ten-way prefix splitting on digits: the baseline the issue calls "far above". */
async function naiveCalls(emulator: Emulator, month: string): Promise<number> {
  const window = monthWindow(month, HARNESS_NOW, 15 * 60_000);
  let calls = 0;
  const ask = async (extra: Record<string, string>) => {
    calls++;
    const params = new URLSearchParams({
      field: 'objects.user.s_authy_id',
      size: '100',
      'scope[time][gte]': new Date(window.from).toISOString(),
      'scope[time][lt]': new Date(window.to).toISOString(),
      ...extra,
    });
    const response = await emulator.handle(
      new Request(`http://emulator.invalid/protected/json/reporting/terms?${params}`, {
        headers: { 'X-Authy-API-Key': HARNESS_KEY },
      }),
    );
    return ((await response.json()) as { terms: unknown[] }).terms.length;
  };
  const field = 'scope[objects.user.s_authy_id]';
  const split = async (prefix: string): Promise<void> => {
    if (prefix !== '') await ask({ [`${field}[eq]`]: prefix });
    for (let d = 0; d <= 9; d++) {
      const lo = `${prefix}${d}`;
      const hi = d < 9 ? `${prefix}${d + 1}` : `${prefix}:`;
      if ((await ask({ [`${field}[gte]`]: lo, [`${field}[lt]`]: hi })) >= 100) await split(lo);
    }
  };
  if ((await ask({})) >= 100) await split('');
  return calls;
}

async function main(): Promise<void> {
  const started = Date.now();
  const rows = await benchMau();
  console.log('MAU benchmark: upstream calls per month for an exact count, cold, vs the bound ⌈MAU/100⌉');
  console.table(
    rows.map((r) => ({
      'target MAU': r.target,
      months: r.months,
      'mean MAU': Math.round(r.meanUsers),
      'mean calls': Number(r.meanCalls.toFixed(1)),
      'mean bound': Number(r.meanBound.toFixed(1)),
      ratio: Number(r.ratio.toFixed(2)),
      'worst month': Number(r.worstRatio.toFixed(2)),
      'warm ratio': Number(r.warmRatio.toFixed(2)),
      'naive 10-way': Number(r.naiveRatio.toFixed(2)),
      'target ≤ 1.5×': r.ratio <= 1.5 ? 'ok' : 'MISSED',
    })),
  );
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
