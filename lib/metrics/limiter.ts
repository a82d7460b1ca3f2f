/**
 * A Limiter that counts what happens to each request for budget. A subclass rather than a
 * wrapper because the service takes the Limiter class; only the public `acquire` is touched.
 */
import 'server-only';
import { ApiError } from '../api/errors';
import { Limiter, type Ticket } from '../reporting/limiter';
import { metrics } from './registry';

/** Below this a request did not really wait: the store round trip alone takes about as long. */
const WAITED_MS = 20;

export class MeteredLimiter extends Limiter {
  override async acquire(ticket: Ticket, options: { maxWaitMs?: number } = {}): Promise<void> {
    const started = performance.now();
    const m = metrics();
    try {
      await super.acquire(ticket, options);
      const waited = performance.now() - started;
      m.limiterAcquires.inc({ class: ticket.priority, result: waited >= WAITED_MS ? 'waited' : 'immediate' });
      m.limiterWait.observe(waited / 1000);
    } catch (error) {
      m.limiterAcquires.inc({ class: ticket.priority, result: error instanceof ApiError ? error.code : 'error' });
      m.limiterWait.observe((performance.now() - started) / 1000);
      throw error;
    }
  }
}
