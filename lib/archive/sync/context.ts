/** What every step of the sync shares: the stores, the clock, and the one way it calls upstream. */
import 'server-only';
import type { AuthyEvent } from '../../authy/responses';
import type { Endpoint, UpstreamQuery } from '../../authy/schemas';
import type { ResponseOf } from '../../reporting/types';
import { UpstreamError } from '../../reporting/upstream-errors';
import { ArchiveEventStore } from '../event-store';
import { floorTo, MINUTE } from './intervals';
import { RollupStore } from './rollup-store';
import type { ArchiveCallClass } from './schema';
import { SyncStore } from './sync-store';
import { serialized } from './write-lock';
import type { ArchiveSyncDeps } from './types';

export class SyncContext {
  readonly store: SyncStore;
  readonly events: ArchiveEventStore;
  readonly rollups: RollupStore;
  /** Writes to the events this process finished (a part of `ArchiveCoverage.version`). */
  private eventWrites = 0;

  constructor(readonly deps: ArchiveSyncDeps) {
    this.store = new SyncStore(deps.db, deps.appId);
    this.events = new ArchiveEventStore(deps.db);
    this.rollups = new RollupStore(deps.db, deps.appId);
  }

  get appId(): string {
    return this.deps.appId;
  }

  get settings() {
    return this.deps.settings;
  }

  get log() {
    return this.deps.log;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /**
   * One upstream call in class `cls`, counted when it reached the upstream (an answer or an
   * UpstreamError); a refusal by the limiter spent nothing and is not counted.
   */
  async call<E extends Endpoint>(
    query: Extract<UpstreamQuery, { endpoint: E }>,
    cls: ArchiveCallClass,
  ): Promise<ResponseOf[E]> {
    try {
      const answer = await this.deps.upstream.get(query, cls);
      await this.count(cls);
      return answer;
    } catch (error) {
      if (error instanceof UpstreamError) await this.count(cls);
      throw error;
    }
  }

  private async count(cls: ArchiveCallClass): Promise<void> {
    await this.store.countCall(cls, floorTo(this.now(), MINUTE)).catch((err: unknown) => {
      this.log.warn({ err }, 'archive sync: could not count an upstream call');
    });
  }

  /** Stores events not held yet and keeps the count of events held. */
  async keep(events: readonly AuthyEvent[]): Promise<number> {
    const db = await this.deps.db();
    const inserted = await serialized(db, () => this.events.insert(this.appId, events));
    if (inserted > 0) this.wroteEvents();
    await this.store.countEvents(inserted);
    return inserted;
  }

  /**
   * Called once a write to the events has finished. Other replicas see the change in the
   * store's state (the count held, the windows); this count covers what those miss here, as an
   * insert before the sync has any state (the demo's pre-fill).
   */
  wroteEvents(): void {
    this.eventWrites++;
  }

  get writes(): number {
    return this.eventWrites;
  }
}
