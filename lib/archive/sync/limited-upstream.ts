/**
 * An `ArchiveUpstream` from the upstream client and a limiter: each call waits for the
 * limiter's admission under its class's ticket, and an upstream "slow down" or "suspended"
 * stops every replica through the limiter's back-off, as the reporting service's own calls do.
 */
import 'server-only';
import type { Limiter, Ticket } from '../../reporting/limiter';
import type { UpstreamClient } from '../../reporting/upstream-client';
import { mustBackOff } from '../../reporting/upstream-errors';
import type { ArchiveCallClass } from './schema';
import type { ArchiveUpstream } from './types';

export function limitedUpstream(options: {
  client: UpstreamClient;
  limiter: Pick<Limiter, 'acquire' | 'backOff' | 'policy'>;
  ticketFor: (cls: ArchiveCallClass) => Ticket;
  /** How long a call may wait for admission before the sync rests instead; the limiter's own by default. */
  maxWaitMs?: number;
}): ArchiveUpstream {
  const { client, limiter } = options;
  return {
    async get(query, cls) {
      await limiter.acquire(options.ticketFor(cls), { maxWaitMs: options.maxWaitMs });
      try {
        return await client.get(query);
      } catch (error) {
        if (mustBackOff(error)) {
          await limiter.backOff((error.retryAfterSeconds ?? limiter.policy.backOffMs / 1000) * 1000);
        }
        throw error;
      }
    },
  };
}
