/**
 * Runs the lanes in the background of the server process while this replica holds the lease.
 * A control loop takes and renews the lease and reads the signals other replicas leave (a page
 * open, a request waiting); each lane loops on its own steps, resting as long as a step says.
 * Nothing runs until `start()`; `stop()` lets the steps under way finish and gives the lease up.
 */
import 'server-only';
import type { SyncContext } from './context';
import { LANES, type LaneName, type Lanes } from './lanes';

export type SchedulerOptions = { tickMs: number; leaseTtlMs: number };
export const DEFAULT_SCHEDULER: SchedulerOptions = { tickMs: 1_000, leaseTtlMs: 30_000 };

export class Scheduler {
  private running = false;
  private leaseUntil = -Infinity;
  private leaseRenewAt = -Infinity;
  private readonly sleepers = new Map<LaneName | 'control', () => void>();
  private readonly woken = new Set<LaneName>();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly ctx: SyncContext,
    private readonly lanes: Lanes,
    private readonly holderId: string,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER,
    /** Called after every step: what the store holds has changed. */
    private readonly onStep: () => void = () => {},
  ) {}

  /** Whether this replica holds the lease now. */
  holding(): boolean {
    // Give up a little before the lease ends, so two holders never overlap on a slow renewal.
    return this.running && this.ctx.now() < this.leaseUntil - this.options.tickMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = [this.control(), ...LANES.map((lane) => this.lane(lane))];
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const wake of this.sleepers.values()) wake();
    await Promise.all(this.loops);
    this.loops = [];
    if (this.leaseUntil > this.ctx.now()) {
      await this.ctx.store.releaseLease(this.holderId).catch((err: unknown) => {
        this.ctx.log.warn({ err }, 'archive sync: could not release the lease');
      });
    }
    this.leaseUntil = -Infinity;
  }

  /** Runs a lane's next step now instead of at the end of its rest (or right after the step under way). */
  wake(lane: LaneName): void {
    const sleeper = this.sleepers.get(lane);
    if (sleeper) sleeper();
    else this.woken.add(lane);
  }

  private async control(): Promise<void> {
    while (this.running) {
      const now = this.ctx.now();
      try {
        if (now >= this.leaseRenewAt) await this.renew(now);
        if (this.holding()) await this.readSignals();
      } catch (err) {
        this.ctx.log.warn({ err }, 'archive sync: lease or signals unavailable');
      }
      await this.sleep('control', this.options.tickMs);
    }
  }

  private async renew(now: number): Promise<void> {
    const held = await this.ctx.store.acquireLease(this.holderId, now, this.options.leaseTtlMs);
    const was = this.holding();
    this.leaseUntil = held ? now + this.options.leaseTtlMs : -Infinity;
    this.leaseRenewAt = now + this.options.leaseTtlMs / 3;
    if (held && !was) {
      this.ctx.log.info({ holder: this.holderId }, 'archive sync: this replica runs the sync');
      for (const lane of LANES) this.wake(lane);
    }
  }

  private async readSignals(): Promise<void> {
    const { live } = this.lanes;
    const { touched, wanted } = await this.ctx.store.signals();
    const becameActive = touched > live.touched && !live.active(this.ctx.now());
    const newlyWanted = wanted > live.wanted;
    live.touched = Math.max(live.touched, touched);
    live.wanted = Math.max(live.wanted, wanted);
    if (becameActive || newlyWanted) this.wake('live');
  }

  private async lane(lane: LaneName): Promise<void> {
    while (this.running) {
      if (!this.holding()) {
        await this.sleep(lane, this.options.tickMs);
        continue;
      }
      this.woken.delete(lane);
      const rest = await this.lanes.step(lane);
      this.onStep();
      // Woken while stepping: what it was woken for may have come too late for this step.
      if (rest > 0 && !this.woken.delete(lane)) await this.sleep(lane, rest);
    }
  }

  private sleep(name: LaneName | 'control', ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(name);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.set(name, wake);
    });
  }
}
