/**
 * Test doubles for the reporting service: a clock that moves only when told, an upstream that
 * answers from the URL and counts calls, and a logger that keeps its lines.
 */
import 'server-only';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Bucket } from '@/lib/authy/responses';
import { REDACT_PATHS } from '@/lib/log';
import type { Clock } from '@/lib/reporting/clock';
import type { FetchLike } from '@/lib/reporting/upstream-client';

export const TEST_KEY = 'k3y-that-must-never-leak-0123456789';
export const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

export class ManualClock implements Clock {
  constructor(public t = T0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export type Answer = (url: URL, request: Request) => Response | Promise<Response>;

/** `n` buckets a minute apart, counts derived from the report name so series differ. */
export function buckets(name: string, n: number, from = 0): Bucket[] {
  return Array.from({ length: n }, (_, i) => {
    const timestamp = T0 - 86_400_000 + (from + i) * 60_000;
    return { timestamp, time: new Date(timestamp).toISOString(), count: (name.length * 7 + from + i) % 13 };
  });
}

/** Report names in a histogram URL, in order of first appearance. */
export function reportNames(url: URL): string[] {
  const names = [...url.searchParams.keys()]
    .map((k) => /^report\[([^\]]+)\]/.exec(k)?.[1])
    .filter((n): n is string => !!n);
  return [...new Set(names)];
}

/** A plausible upstream: every endpoint succeeds; histograms have `bucketsPerSeries` buckets, paged. */
export function defaultAnswer(options: { bucketsPerSeries?: number } = {}): Answer {
  const total = options.bucketsPerSeries ?? 3;
  return (url) => {
    const endpoint = url.pathname.split('/').pop();
    if (endpoint === 'events') {
      const page = Number(url.searchParams.get('page'));
      const event = { event: 'user_added', time: new Date(T0).toISOString(), request_id: `r${page}`, objects: {} };
      return Response.json({ events: [event], success: true });
    }
    if (endpoint === 'terms')
      return Response.json({ terms: [{ key: url.searchParams.get('field') ?? '?', count: 3 }], success: true });
    const page = Number(url.searchParams.get('page'));
    const perPage = Number(url.searchParams.get('per_page'));
    const from = (page - 1) * perPage;
    const n = Math.max(0, Math.min(perPage, total - from));
    const reports = Object.fromEntries(reportNames(url).map((name) => [name, buckets(name, n, from)]));
    return Response.json({ interval: url.searchParams.get('interval'), reports, success: true });
  };
}

export function fakeUpstream(answer: Answer = defaultAnswer()) {
  const calls: URL[] = [];
  const requests: Request[] = [];
  const fetch: FetchLike = async (request) => {
    const url = new URL(request.url);
    calls.push(url);
    requests.push(request);
    return answer(url, request);
  };
  return { fetch, calls, requests };
}

/** A pino logger with the app's redaction, writing into `lines`. */
export function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines };
}

/** Lets timers of a few ms (coalescing) and pending promises run. */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
