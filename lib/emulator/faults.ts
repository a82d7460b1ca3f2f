/**
 * Fault injection for tests: added latency, and shares of calls answered with a 5xx, held
 * past any client timeout, given a malformed 200 body, or refused with a 429. One draw per
 * call picks at most one fault, in that order; the draws come from a seeded stream so a
 * test run is reproducible. Late arrivals are not drawn per call: which events are late is
 * fixed per event (visibility.ts), and these settings only say how many and how late.
 */
import { z } from 'zod';
import { createRandom, type Random } from './random';
import { MAX_LATE_MINUTES, NO_FAULTS, type Faults } from './settings';

export type FaultKind = 'error500' | 'timeout' | 'malformed' | 'tooMany';
export type FaultSettings = Faults & { latencyMs: number };

/** How long a "timeout" holds the call when the client never gives up. */
export const TIMEOUT_HOLD_MS = 60_000;

const share = z.number().min(0).max(1);
export const faultsUpdateSchema = z
  .object({
    error500: share,
    timeout: share,
    malformed: share,
    tooMany: share,
    late: share,
    lateMinutes: z.number().int().min(1).max(MAX_LATE_MINUTES),
    latencyMs: z.number().int().min(0).max(60_000),
  })
  .partial()
  .strict();
export type FaultsUpdate = z.infer<typeof faultsUpdateSchema>;

const ORDER: readonly FaultKind[] = ['error500', 'timeout', 'malformed', 'tooMany'];

export class FaultInjector {
  private settings: FaultSettings;
  private readonly random: Random;

  constructor(initial: Partial<FaultSettings>, seed: number) {
    this.settings = { ...NO_FAULTS, latencyMs: 0, ...initial };
    this.random = createRandom(seed ^ 0xfa17);
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  update(change: FaultsUpdate): void {
    this.settings = { ...this.settings, ...change };
  }

  /** The fault this call suffers, if any. */
  draw(): FaultKind | null {
    if (ORDER.every((kind) => this.settings[kind] === 0)) return null;
    let r = this.random();
    for (const kind of ORDER) {
      if (r < this.settings[kind]) return kind;
      r -= this.settings[kind];
    }
    return null;
  }

  /** 503 or 500, half and half. */
  serverErrorStatus(): 500 | 503 {
    return this.random() < 0.5 ? 503 : 500;
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A body that is not valid JSON, like the reference's MAU example (a `},` missing between
 * two objects), or a truncated one when there is no such spot.
 */
export function malformBody(text: string): string {
  const at = text.lastIndexOf('},');
  if (at > 0) {
    const broken = text.slice(0, at) + text.slice(at + 2);
    if (!parses(broken)) return broken;
  }
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
