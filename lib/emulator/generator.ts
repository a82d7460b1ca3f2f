/**
 * Builds the history from a seed: about two years of one application's traffic that ends at
 * `now`. The event count is exact; the phases share it out (lifecycle first, then incidents,
 * legacy verifications and brute-force noise, and sessions fill the rest). It also measures
 * the rates the history ends with, which the traffic after `now` continues (ahead.ts).
 */
import { ALL_EVENT_NAMES, type EventName } from '../authy/vocabulary';
import type { Continuation, Trend } from './ahead';
import { generateInvalidTokenBurst, generatePumpingBurst } from './bursts';
import { EventBuffer } from './event-buffer';
import { DAY, KIND, type GenerationContext } from './generation-context';
import { generateLifecycle } from './lifecycle';
import { generatePopulation, GROWTH } from './population';
import { createRandom } from './random';
import { generateSessions } from './sessions';
import { lowerBound, type EventColumns, type Store } from './store';
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

/** How far back from `now` the join rate is measured. */
const JOIN_WINDOW_DAYS = 90;

export type History = { store: Store; continuation: Continuation };

export function generateHistory(options: GenerateOptions): History {
  const end = Math.floor(options.now);
  const start = end - SPAN_DAYS * DAY;
  const span = end - start;
  const random = createRandom(options.seed ^ 0x5eed);
  const userCount = options.users ?? defaultUserCount(options.events);
  const population = generatePopulation(random, userCount, start, end);
  const buffer = new EventBuffer(options.events);
  const ctx: GenerationContext = { random, buffer, population, start, end, growing: true };
  const counted = (phase: () => void) => {
    const before = buffer.size;
    phase();
    return buffer.size - before;
  };

  generateLifecycle(ctx, Math.floor(options.events * LIFECYCLE_CAP));
  const rest = buffer.remaining;
  const burst = Math.round(rest * BURST_SHARE);
  const verifications = Math.round(rest * VERIFICATION_SHARE);
  const rows = new VerificationRows(burst + verifications + 1);
  generateInvalidTokenBurst(ctx, burst);
  generatePumpingBurst(ctx, rows, burst);
  const verificationEvents = counted(() => generateVerifications(ctx, rows, verifications));
  const floodEvents = counted(() => generateCodeFlood(ctx, Math.round(rest * CODE_FLOOD_SHARE)));
  const beforeSessions = buffer.size;
  const activityTime = generateSessions(ctx);
  const sessionEvents = buffer.size - beforeSessions;
  // Tiny data sets (or ones with no users) may leave room: fill it with app-only noise.
  generateCodeFlood(ctx, buffer.remaining);

  const columns = buffer.sorted();
  // Growth spread over the span puts this density (per unit of span) at its end.
  const atEnd = (GROWTH * Math.exp(GROWTH)) / (Math.exp(GROWTH) - 1) / span;
  const trend: Trend = {
    sessionRate: activityTime > 0 ? sessionEvents / activityTime : 0,
    joinRate: recentJoinRate(columns, end, span),
    verificationRate: verificationEvents * atEnd,
    floodRate: floodEvents * atEnd,
  };
  const store: Store = {
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
  const continuation: Continuation = {
    seed: options.seed,
    now: end,
    span,
    historyStart: start,
    trend,
    population,
    verifications: rows.table,
    lastTime: buffer.size > 0 ? columns.time[buffer.size - 1] : end,
    chunks: 0,
  };
  return { store, continuation };
}

/**
 * Sign-ups per ms at `end`, from the user_added events of the last JOIN_WINDOW_DAYS, which grew
 * like e^(GROWTH·t/span): measured rather than derived, since the lifecycle's budget can stop
 * sign-ups short in a data set with many users and few events.
 */
function recentJoinRate(columns: EventColumns, end: number, span: number): number {
  const window = JOIN_WINDOW_DAYS * DAY;
  let joins = 0;
  for (let i = lowerBound(columns.time, end - window); i < columns.time.length; i++) {
    if (columns.kind[i] === KIND.user_added) joins++;
  }
  return (joins * GROWTH) / (span * (1 - Math.exp((-GROWTH * window) / span)));
}
