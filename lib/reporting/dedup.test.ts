import { describe, expect, it } from 'vitest';
import { InFlight } from './dedup';
import type { Ticket } from './limiter';

describe('InFlight', () => {
  it('makes one call for concurrent identical requests; the shared ticket takes the highest class and every user', async () => {
    let changes = 0;
    const inflight = new InFlight<string>(() => changes++);
    let ticket: Ticket | undefined;
    let release: (value: string) => void = () => {};
    const start = (t: Ticket) => {
      ticket = t;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = inflight.run('k', { priority: 'background', user: 'ana' }, start);
    const second = inflight.run('k', { priority: 'mau', user: 'bo' }, start);
    const third = inflight.run('k', { priority: 'background', user: 'ana' }, start);
    expect(ticket).toMatchObject({ priority: 'mau', users: ['ana', 'bo'] });
    // A person joins: the call now waits as a person's, and the limiter was told twice (mau, then this).
    const fourth = inflight.run('k', { priority: 'interactive', user: 'cy' }, start);
    expect(ticket).toMatchObject({ priority: 'interactive', users: ['ana', 'bo', 'cy'] });
    expect(changes).toBe(2);
    release('answer');
    expect(await Promise.all([first, second, third, fourth])).toEqual(['answer', 'answer', 'answer', 'answer']);
    expect(inflight.size).toBe(0);
  });
});
