/**
 * Requests waiting for the live edge to reach an instant: one loop reads the cursor for all of
 * them (ten times a second while any waits), whichever replica moves it.
 */
import 'server-only';

type Waiter = { target: number; deadline: number; resolve: (reached: boolean) => void };

export class CursorWatch {
  private readonly waiters = new Set<Waiter>();
  private looping = false;

  constructor(
    private readonly cursor: () => Promise<number | null>,
    private readonly everyMs = 100,
  ) {}

  /** Resolves true when the cursor is at or past `target`, false at `deadline` (epoch ms, real time). */
  until(target: number, deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiters.add({ target, deadline, resolve });
      if (!this.looping) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.waiters.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.everyMs));
        const cursor = await this.cursor().catch(() => null);
        const now = Date.now();
        for (const waiter of this.waiters) {
          const reached = cursor !== null && cursor >= waiter.target;
          if (!reached && now < waiter.deadline) continue;
          this.waiters.delete(waiter);
          waiter.resolve(reached);
        }
      }
    } finally {
      this.looping = false;
    }
  }
}
