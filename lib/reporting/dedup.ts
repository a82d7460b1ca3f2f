/**
 * De-duplication: concurrent identical requests (same canonical key) share one upstream call.
 * The shared call carries a ticket with the highest class of everyone waiting on it, and all of
 * their users, so a person who asks for what an auto-refresh is already fetching does not wait
 * behind it, and the call is charged to whichever of them has had the fewest.
 */
import 'server-only';
import type { Asker, Ticket } from './limiter';
import { highest, type Priority } from './priorities';

export class SharedTicket implements Ticket {
  private best: Priority;
  private readonly people = new Set<string>();

  constructor(asker: Asker) {
    this.best = asker.priority;
    if (asker.user !== undefined) this.people.add(asker.user);
  }

  get priority(): Priority {
    return this.best;
  }

  get users(): readonly string[] {
    return [...this.people];
  }

  /** Takes the higher class and the person; true when either changed, so the limiter can look again. */
  join(asker: Asker): boolean {
    const before = { priority: this.best, people: this.people.size };
    this.best = highest([this.best, asker.priority]);
    if (asker.user !== undefined) this.people.add(asker.user);
    return this.best !== before.priority || this.people.size !== before.people;
  }
}

export class InFlight<T> {
  private readonly calls = new Map<string, { promise: Promise<T>; ticket: SharedTicket }>();

  constructor(private readonly onTicketChanged: () => void = () => {}) {}

  has(key: string): boolean {
    return this.calls.has(key);
  }

  get size(): number {
    return this.calls.size;
  }

  /** Joins the call in flight for `key`, or starts `start` as that call. */
  run(key: string, asker: Asker, start: (ticket: Ticket) => Promise<T>): Promise<T> {
    const current = this.calls.get(key);
    if (current) {
      if (current.ticket.join(asker)) this.onTicketChanged();
      return current.promise;
    }
    const ticket = new SharedTicket(asker);
    const promise = start(ticket).finally(() => this.calls.delete(key));
    this.calls.set(key, { promise, ticket });
    return promise;
  }
}
