/** Figures the load scripts (the soak, the team drill) compute the same way. */
import { z } from 'zod';

/** What the emulator's `/__emulator/stats` answers, as far as the scripts read it. */
export const emulatorStatsSchema = z.object({
  requests: z.object({ events: z.number(), date_histogram: z.number(), terms: z.number() }),
  rejected: z.object({ rate_limited: z.number() }).passthrough(),
});

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The most calls the emulator counted within any 60 s, from its totals sampled every 250 ms to
 * a second: an upper bound (a window starts at the sample before it).
 */
export function maxPerRollingMinute(points: { t: number; total: number }[]): number {
  let max = 0;
  let j = 0;
  for (let i = 0; i < points.length; i++) {
    while (points[i].t - points[j].t > 60_000) j++;
    max = Math.max(max, points[i].total - (j > 0 ? points[j - 1].total : 0));
  }
  return max;
}
