/**
 * De-duplication: concurrent identical requests (same canonical key) share one upstream call.
 * The shared call carries a ticket whose priority is the highest of everyone waiting on it, so
 * a person who asks for what an auto-refresh is already fetching does not wait behind it.
 */
import 'server-only';
import type { Ticket } from './limiter';
import type { Priority } from './types';

export class SharedTicket implements Ticket {
  private interactive: boolean;

  constructor(priority: Priority) {
    this.interactive = priority === 'interactive';
  }

  get priority(): Priority {
    return this.interactive ? 'interactive' : 'background';
  }

  /** Returns true when the priority rose, so the limiter can look at its queue again. */
  raise(priority: Priority): boolean {
    if (this.interactive || priority !== 'interactive') return false;
    this.interactive = true;
    return true;
  }
}

export class InFlight<T> {
  private readonly calls = new Map<string, { promise: Promise<T>; ticket: SharedTicket }>();

  constructor(private readonly onPriorityRaised: () => void = () => {}) {}

  has(key: string): boolean {
    return this.calls.has(key);
  }

  get size(): number {
    return this.calls.size;
  }

  /** Joins the call in flight for `key`, or starts `start` as that call. */
  run(key: string, priority: Priority, start: (ticket: Ticket) => Promise<T>): Promise<T> {
    const current = this.calls.get(key);
    if (current) {
      if (current.ticket.raise(priority)) this.onPriorityRaised();
      return current.promise;
    }
    const ticket = new SharedTicket(priority);
    const promise = start(ticket).finally(() => this.calls.delete(key));
    this.calls.set(key, { promise, ticket });
    return promise;
  }
}
