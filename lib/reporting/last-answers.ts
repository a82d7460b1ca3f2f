/**
 * The last answer to each question as it was asked (a relative range stays relative: "terms by
 * device, last 7 days"). When the range has moved on to a new slot, terms and events serve this
 * answer, marked stale, while one refresh runs; when the upstream cannot answer now (budget
 * spent, upstream down), any question serves it rather than an error. In this process's memory,
 * bounded by size and by the longest a stale answer may be served.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';

export type Window = { from: number; to: number };

export type LastAnswer<T = unknown> = { data: T; fetchedAt: number; window?: Window };

export class LastAnswers {
  private readonly lru: LRUCache<string, LastAnswer>;

  constructor(options: { maxBytes: number; maxAgeMs: number }) {
    this.lru = new LRUCache<string, LastAnswer>({
      maxSize: options.maxBytes,
      sizeCalculation: (answer, key) => key.length + JSON.stringify(answer.data).length + 64,
      ttl: options.maxAgeMs,
    });
  }

  get<T>(key: string): LastAnswer<T> | undefined {
    return this.lru.get(key) as LastAnswer<T> | undefined;
  }

  set(key: string, answer: LastAnswer): void {
    this.lru.set(key, answer);
  }
}

export function sameWindow(a: Window | undefined, b: Window | undefined): boolean {
  return a?.from === b?.from && a?.to === b?.to;
}
