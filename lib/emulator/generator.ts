/**
 * Builds the whole data set from a seed: about two years of one application's traffic that
 * ends at `now`. The event count is exact; the phases share it out (lifecycle first, then
 * incidents, legacy verifications and brute-force noise, and sessions fill the rest).
 */
import { ALL_EVENT_NAMES, type EventName } from '../authy/vocabulary';
import { generateInvalidTokenBurst, generatePumpingBurst } from './bursts';
import { EventBuffer } from './event-buffer';
import { DAY, type GenerationContext } from './generation-context';
import { generateLifecycle } from './lifecycle';
import { generatePopulation } from './population';
import { createRandom } from './random';
import { generateSessions } from './sessions';
import type { Store } from './store';
import { generateCodeFlood, generateVerifications, VerificationRows } from './verifications';

export const SPAN_DAYS = 730;
/** Lifecycle events may take at most this share, so sessions always exist. */
const LIFECYCLE_CAP = 0.6;
const VERIFICATION_SHARE = 0.06;
const CODE_FLOOD_SHARE = 0.003;
const BURST_SHARE = 0.005;

export type GenerateOptions = { seed: number; events: number; users?: number; now: number };

/** One user per ~40 events: a few thousand monthly actives at the demo size. */
export function defaultUserCount(events: number): number {
  return Math.max(10, Math.round(events / 40));
}

export function generateStore(options: GenerateOptions): Store {
  const end = Math.floor(options.now);
  const start = end - SPAN_DAYS * DAY;
  const random = createRandom(options.seed ^ 0x5eed);
  const userCount = options.users ?? defaultUserCount(options.events);
  const population = generatePopulation(random, userCount, start, end);
  const buffer = new EventBuffer(options.events);
  const ctx: GenerationContext = { random, buffer, population, start, end };

  generateLifecycle(ctx, Math.floor(options.events * LIFECYCLE_CAP));
  const rest = buffer.remaining;
  const burst = Math.round(rest * BURST_SHARE);
  const verifications = Math.round(rest * VERIFICATION_SHARE);
  const rows = new VerificationRows(burst + verifications + 1);
  generateInvalidTokenBurst(ctx, burst);
  generatePumpingBurst(ctx, rows, burst);
  generateVerifications(ctx, rows, verifications);
  generateCodeFlood(ctx, Math.round(rest * CODE_FLOOD_SHARE));
  generateSessions(ctx);
  // Tiny data sets (or ones with no users) may leave room: fill it with app-only noise.
  generateCodeFlood(ctx, buffer.remaining);

  const columns = buffer.sorted();
  return {
    ...columns,
    size: buffer.size,
    seed: options.seed,
    start,
    end,
    users: population.users,
    devices: population.devices,
    verifications: rows.table,
    kindOf: Object.fromEntries(ALL_EVENT_NAMES.map((name, i) => [name, i])) as Record<EventName, number>,
  };
}
