import { describe, expect, it } from 'vitest';
import type { UpstreamQuery } from '../authy/schemas';
import { isImmutable, lifetimesFor, windowEnd } from './freshness';
import { DEFAULT_CACHE_POLICY as policy } from './policies';

const NOW = Date.UTC(2024, 5, 1, 12);
const iso = (ms: number) => new Date(ms).toISOString();

function terms(...scope: [string, 'gte' | 'lt' | 'lte', string][]): UpstreamQuery {
  return {
    endpoint: 'terms',
    params: {
      field: 'event',
      size: 10,
      scope: scope.map(([attribute, operator, value]) => ({ attribute, operator, value })),
    },
  };
}

describe('freshness', () => {
  it('finds the window end in scope (or query, for events)', () => {
    expect(windowEnd(terms(['time', 'gte', iso(NOW - 1e6)]))).toBeNull();
    expect(windowEnd(terms(['time', 'lt', iso(NOW)]))).toBe(NOW);
    expect(windowEnd(terms(['time', 'lt', iso(NOW)], ['time', 'lte', iso(NOW - 5)]))).toBe(NOW - 5);
    const events: UpstreamQuery = {
      endpoint: 'events',
      params: { query: [{ attribute: 'time', operator: 'lte', value: iso(NOW - 9) }], page: 1, per_page: 50 },
    };
    expect(windowEnd(events)).toBe(NOW - 9);
  });

  it('keeps a window that ended before the settle margin for a long time', () => {
    const past = terms(['time', 'lt', iso(NOW - policy.settleMarginMs - 1)]);
    expect(isImmutable(past, NOW, policy)).toBe(true);
    expect(lifetimesFor(past, NOW, policy)).toEqual({
      freshUntil: NOW + policy.immutableMs,
      staleUntil: NOW + policy.immutableMs,
      immutable: true,
    });
  });

  it('gives a window touching now (or with no end) a short TTL and a stale period', () => {
    for (const q of [terms(), terms(['time', 'lt', iso(NOW - 60_000)]), terms(['time', 'lt', iso(NOW + 60_000)])]) {
      expect(lifetimesFor(q, NOW, policy)).toEqual({
        freshUntil: NOW + 60_000,
        staleUntil: NOW + 3_600_000,
        immutable: false,
      });
    }
  });
});
