/**
 * The dashboard's time ranges. Relative ranges stay relative in the URL and are resolved per
 * request on the server, with "now" snapped to a granularity so that everyone looking at the
 * same view within the same minute shares one upstream query and one cache entry.
 */

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '90d', '12mo', 'this_month', 'last_month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '12mo': 'Last 12 months',
  this_month: 'This month',
  last_month: 'Last month',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far "now" is snapped for each preset: coarse ranges can share a key for longer. */
const SNAP_MS: Record<RangePreset, number> = {
  '1h': MINUTE,
  '24h': MINUTE,
  '7d': 5 * MINUTE,
  '30d': 5 * MINUTE,
  '90d': 15 * MINUTE,
  '12mo': HOUR,
  this_month: 5 * MINUTE,
  last_month: MINUTE,
};

export type TimeWindow = { from: number; to: number };

/** The absolute window a preset means at `now`: [from, to), both epoch ms, UTC. */
export function resolveRange(preset: RangePreset, now: number): TimeWindow {
  const snap = SNAP_MS[preset];
  // `to` is the end of the current snap slot, so the newest events are inside the window.
  const to = Math.ceil(now / snap) * snap;
  const d = new Date(now);
  switch (preset) {
    case '1h':
      return { from: to - HOUR, to };
    case '24h':
      return { from: to - DAY, to };
    case '7d':
      return { from: to - 7 * DAY, to };
    case '30d':
      return { from: to - 30 * DAY, to };
    case '90d':
      return { from: to - 90 * DAY, to };
    case '12mo':
      return { from: Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth() + 1, 1), to };
    case 'this_month':
      return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), to };
    case 'last_month':
      return {
        from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1),
        to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
      };
  }
}

/** The window just before `window`, of the same length: what "change vs previous period" compares to. */
export function previousWindow(window: TimeWindow): TimeWindow {
  const length = window.to - window.from;
  return { from: window.from - length, to: window.from };
}
