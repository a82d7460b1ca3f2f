/**
 * Housekeeping, no upstream calls: once a day, events, windows, imported intervals and rollups
 * older than ARCHIVE_RETENTION_DAYS go (0 keeps them for good), and the count of events held
 * is taken afresh; the per-minute call counts older than two hours go every hour.
 */
import 'server-only';
import type { SyncContext } from './context';
import { DAY, HOUR } from './intervals';
import { serialized } from './write-lock';

const PRUNE_EVERY_MS = DAY;

export class Housekeeping {
  private callsPrunedAt = -Infinity;

  constructor(private readonly ctx: SyncContext) {}

  async step(): Promise<number> {
    const now = this.ctx.now();
    if (now - this.callsPrunedAt >= HOUR) {
      await this.ctx.store.pruneCalls(now - 2 * HOUR);
      this.callsPrunedAt = now;
    }
    const state = await this.ctx.store.state();
    if (state && (state.pruned_at_ms === null || now - state.pruned_at_ms >= PRUNE_EVERY_MS)) await this.prune(now);
    return 10 * 60_000;
  }

  /** Drops what is older than the retention at `now` and recounts the events held. */
  async prune(now: number): Promise<void> {
    const { ctx } = this;
    const days = ctx.settings.retentionDays;
    if (days > 0) {
      const cutoff = now - days * DAY;
      const db = await ctx.deps.db();
      const deleted = await serialized(db, () => ctx.events.deleteBetween(ctx.appId, 0, cutoff));
      if (deleted > 0) ctx.wroteEvents();
      await ctx.store.trimWindows(cutoff);
      await ctx.store.trimImports(cutoff);
      await ctx.rollups.prune(cutoff);
      if (deleted > 0) ctx.log.info({ deleted, before: new Date(cutoff).toISOString() }, 'archive: pruned events');
    }
    await ctx.store.setEventsHeld(await ctx.events.countBetween(ctx.appId, 0, Number.MAX_SAFE_INTEGER));
    await ctx.store.updateState({ pruned_at_ms: now });
  }
}
