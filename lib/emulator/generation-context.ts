/**
 * What every phase of the generator shares: the random stream, the event buffer, the
 * population and the time span, plus the small helpers each phase needs to emit events.
 */
import { ALL_EVENT_NAMES, type EventName } from '../authy/vocabulary';
import type { EventBuffer } from './event-buffer';
import type { Population } from './population';
import type { Random } from './random';

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const KIND = Object.fromEntries(ALL_EVENT_NAMES.map((name, i) => [name, i])) as Record<EventName, number>;

export type GenerationContext = {
  random: Random;
  buffer: EventBuffer;
  population: Population;
  start: number;
  end: number;
  /**
   * Whether traffic not tied to users (legacy verifications, brute-force noise) grows across
   * [start, end], as over the history's two years, or runs at one rate, as in a chunk of the
   * traffic after it (ahead.ts), which is days long and sets its own rates.
   */
  growing: boolean;
};

/** Traffic follows the day (trough ~03:00 UTC, peak ~15:00 UTC) and dips at weekends. */
function dailyShape(time: number): number {
  const hour = (time / HOUR) % 24;
  const day = Math.floor(time / DAY + 4) % 7; // 0 = Sunday; the epoch was a Thursday
  const weekend = day === 0 || day === 6 ? 0.7 : 1;
  return (0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24))) * weekend;
}

/** A time in [from, to) shaped by the daily rhythm (rejection sampling, bounded tries). */
export function sampleTime(random: Random, from: number, to: number, draw: () => number = random): number {
  let time = from + draw() * (to - from);
  for (let tries = 0; tries < 8 && random() > dailyShape(time); tries++) time = from + draw() * (to - from);
  return time;
}

/** The user's span inside the data set: from joining (or the start) to removal (or the end). */
export function userSpan(ctx: GenerationContext, u: number): [number, number] {
  const from = Math.max(ctx.population.users.joined[u], ctx.start);
  const removed = ctx.population.removed[u];
  return [from, Number.isNaN(removed) ? ctx.end : removed];
}

export function isActiveAt(ctx: GenerationContext, u: number, time: number): boolean {
  const [from, to] = userSpan(ctx, u);
  return from <= time && time < to;
}
