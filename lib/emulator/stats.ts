/** What the emulator served, for tests and benchmarks to count upstream calls exactly. */
import type { Endpoint } from '../authy/schemas';

export type RejectReason = 'rate_limited' | 'invalid_key' | 'invalid_request';

export type EmulatorStats = {
  requests: Record<Endpoint, number>;
  rejected: Record<RejectReason, number>;
};

export function emptyStats(): EmulatorStats {
  return {
    requests: { events: 0, date_histogram: 0, terms: 0 },
    rejected: { rate_limited: 0, invalid_key: 0, invalid_request: 0 },
  };
}

export function copyStats(stats: EmulatorStats): EmulatorStats {
  return { requests: { ...stats.requests }, rejected: { ...stats.rejected } };
}
