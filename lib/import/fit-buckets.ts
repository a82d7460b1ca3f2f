/**
 * A histogram view draws at most MAX_VIEW_BUCKETS buckets (each 100 cost one upstream call).
 * The API answers a fine interval over a long window a page at a time; the dashboard draws the
 * whole window, so an imported window that would need more buckets is narrowed to its latest
 * buckets, and the note says so.
 */
import { bucketStart, parseInterval, type Interval } from '@/lib/authy/interval';
import { bucketCount, MAX_VIEW_BUCKETS } from '@/lib/queries/intervals';
import { resolveTimeSpec, type TimeSpec } from '@/lib/queries/time-spec';
import { RANGE_LABELS, type RangePreset } from '@/lib/ranges';

/** Presets a narrowed relative window may fall back to, shortest first. */
const FALLBACK_PRESETS: readonly RangePreset[] = ['1h', '24h', '7d', '30d', '90d'];

export function fitBuckets(time: TimeSpec, interval: string, now: number): { time: TimeSpec; note: string | null } {
  const parsed = parseInterval(interval) as Interval;
  const window = resolveTimeSpec(time, now);
  const count = bucketCount(window, parsed, MAX_VIEW_BUCKETS + 1);
  if (count <= MAX_VIEW_BUCKETS) return { time, note: null };
  const over = time.kind === 'preset' ? RANGE_LABELS[time.range].toLowerCase() : `${time.from} to ${time.to}`;
  const limit = `Over ${over}, ${interval} buckets are more than the ${MAX_VIEW_BUCKETS} a histogram draws at once (every 100 cost an upstream call)`;

  if (time.kind === 'preset') {
    const fits = FALLBACK_PRESETS.filter(
      (preset) =>
        bucketCount(resolveTimeSpec({ kind: 'preset', range: preset }, now), parsed, MAX_VIEW_BUCKETS + 1) <=
        MAX_VIEW_BUCKETS,
    );
    const range = fits.at(-1) ?? FALLBACK_PRESETS[0];
    return {
      time: { kind: 'preset', range },
      note: `${limit}, so the view opens on the ${RANGE_LABELS[range].toLowerCase()}; the range picker moves it.`,
    };
  }

  let first = bucketStart(window.to - 1, parsed);
  for (let i = 1; i < MAX_VIEW_BUCKETS; i++) first = bucketStart(first - 1, parsed);
  const from = new Date(Math.max(window.from, first)).toISOString();
  return {
    time: { kind: 'absolute', from, to: time.to },
    note: `${limit}, so the view opens on the latest ${MAX_VIEW_BUCKETS}, from ${from}; the range picker moves it.`,
  };
}
