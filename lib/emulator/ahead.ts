/**
 * The traffic after the history: what the emulator's clock reveals as it moves past `now`.
 * It comes in chunks of CHUNK_DAYS, chunk k covering (now + k·CHUNK, now + (k+1)·CHUNK], each
 * drawn from its own seeded stream and generated in order (a chunk's new users are part of the
 * next one's population), so the data for a seed and a start is the same whenever and however
 * far it is generated.
 *
 * A chunk continues the history where it ends: the same users at the same activity making
 * sessions at the rate the history measured, legacy verifications and brute-force noise at the
 * rates the history ended with, and new users signing up with their first device; the last
 * three keep growing as the history grew. There are no incidents and none of the rarer account
 * events (phone changes, recoveries, removals) after `now`.
 */
import { EventBuffer } from './event-buffer';
import { DAY, KIND, sampleTime, type GenerationContext } from './generation-context';
import { GROWTH, MAX_REGISTRATION_DELAY, withNewUsers, type Population } from './population';
import { createRandom, hash32, type Random } from './random';
import { generateSessions } from './sessions';
import type { EventColumns, VerificationTable } from './store';
import { generateCodeFlood, generateVerifications, VerificationRows } from './verifications';

export const CHUNK_DAYS = 7;
export const CHUNK_MS = CHUNK_DAYS * DAY;

/** The rates the history ends with. */
export type Trend = {
  /** Session events per unit of user activity per ms (sessions.ts spreads them so). */
  sessionRate: number;
  /** Per ms at `now`; each keeps growing as over the history, ×e^GROWTH per span. */
  joinRate: number;
  verificationRate: number;
  floodRate: number;
};

/** What the next chunk starts from. */
export type Continuation = {
  seed: number;
  /** Where the history ends and chunk 0 begins. */
  now: number;
  /** The history's length and start, ms: growth is measured in spans. */
  span: number;
  historyStart: number;
  trend: Trend;
  population: Population;
  verifications: VerificationTable;
  /** The newest event time so far: every later event comes after it. */
  lastTime: number;
  /** Chunks generated so far. */
  chunks: number;
};

export type Chunk = { columns: EventColumns; next: Continuation };

/** The first instant chunk k does not cover: chunks 0..k−1 hold every event up to it. */
export function chunkEnd(c: Pick<Continuation, 'now'>, k: number): number {
  return c.now + k * CHUNK_MS;
}

export function generateChunk(c: Continuation): Chunk {
  const k = c.chunks;
  const from = chunkEnd(c, k);
  const to = chunkEnd(c, k + 1);
  const random = createRandom(hash32(c.seed ^ 0xa4ead, k));
  const { trend } = c;

  const joinTimes = Array.from({ length: count(random, grown(c, trend.joinRate, from, to)) }, () =>
    sampleTime(random, from + 1, to - MAX_REGISTRATION_DELAY),
  ).sort((a, b) => a - b);
  const before = c.population.users.count;
  const population = withNewUsers(c.population, random, joinTimes, c.historyStart, c.now);
  const verifications = count(random, grown(c, trend.verificationRate, from, to));
  const flood = count(random, grown(c, trend.floodRate, from, to));
  const sessions = count(random, trend.sessionRate * activityTime(population, from + 1, to));

  const buffer = new EventBuffer(2 * joinTimes.length + verifications + flood + sessions);
  const ctx: GenerationContext = { random, buffer, population, start: from + 1, end: to, growing: false };
  for (let u = before; u < population.users.count; u++) {
    const device = population.primaryDevice[u];
    buffer.push(population.users.joined[u], KIND.user_added, u);
    buffer.push(population.devices.created[device], KIND.device_registration_completed, u, device);
  }
  const rows = new VerificationRows(verifications + 1, c.verifications);
  generateVerifications(ctx, rows, verifications);
  generateCodeFlood(ctx, flood);
  generateSessions(ctx);

  const columns = buffer.sorted(Math.max(c.lastTime, from));
  const lastTime = columns.time.length > 0 ? columns.time[columns.time.length - 1] : c.lastTime;
  return { columns, next: { ...c, population, verifications: rows.table, lastTime, chunks: k + 1 } };
}

/** Expected events in (from, to] of a rate that is `rate` at `now` and grows like the history. */
function grown(c: Continuation, rate: number, from: number, to: number): number {
  const at = (t: number) => Math.exp((GROWTH * (t - c.now)) / c.span);
  return ((rate * c.span) / GROWTH) * (at(to) - at(from));
}

/** An expected count as a whole number whose average is the expectation. */
function count(random: Random, expected: number): number {
  return Math.floor(expected + random());
}

/** Σ activity × time active within [from, to], over the users. */
function activityTime(p: Population, from: number, to: number): number {
  let total = 0;
  for (let u = 0; u < p.users.count; u++) {
    const removed = p.removed[u];
    const until = Number.isNaN(removed) ? to : Math.min(to, removed);
    total += p.activity[u] * Math.max(0, until - Math.max(from, p.users.joined[u]));
  }
  return total;
}
