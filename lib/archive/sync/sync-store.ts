/**
 * The sync's state in the store: the one state row, the windows, the lease and its signals,
 * the call counts and the imported intervals. Only the lease holder writes state and windows;
 * any replica writes signals and reads everything.
 */
import 'server-only';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { serialized } from './write-lock';
import type { Interval } from './intervals';
import type {
  ArchiveCallClass,
  ArchiveSyncStateTable,
  ArchiveSyncWindowsTable,
  WindowKind,
  WindowState,
} from './schema';

type Db = () => Promise<Kysely<Database>>;
export type SyncState = ArchiveSyncStateTable;
export type SyncWindow = ArchiveSyncWindowsTable;
export type NewWindow = Interval & { expected: number; kind: WindowKind; state: WindowState; heldFrom?: number };

const PENDING: WindowState[] = ['unplanned', 'queued'];
const HELD: WindowState[] = ['copied', 'verified'];

export class SyncStore {
  constructor(
    private readonly db: Db,
    readonly appId: string,
  ) {}

  /** Runs a write under the store's write lock (see write-lock.ts). */
  private async write<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    const db = await this.db();
    return serialized(db, () => work(db));
  }

  // ── state ──

  async state(): Promise<SyncState | undefined> {
    const db = await this.db();
    return db.selectFrom('archive_sync_state').selectAll().where('app_id', '=', this.appId).executeTakeFirst();
  }

  async createState(row: Omit<SyncState, 'app_id'>): Promise<void> {
    return this.write(async (db) => {
      await db
        .insertInto('archive_sync_state')
        .values({ ...row, app_id: this.appId })
        .onConflict((oc) => oc.column('app_id').doNothing())
        .execute();
    });
  }

  async updateState(patch: Partial<Omit<SyncState, 'app_id' | 'events_held'>>): Promise<void> {
    return this.write(async (db) => {
      await db.updateTable('archive_sync_state').set(patch).where('app_id', '=', this.appId).execute();
    });
  }

  /** Adds to the events held, atomically (several writers may count at once). */
  async countEvents(delta: number): Promise<void> {
    if (delta === 0) return;
    await this.write((db) =>
      db
        .updateTable('archive_sync_state')
        .set((eb) => ({ events_held: eb('events_held', '+', delta) }))
        .where('app_id', '=', this.appId)
        .execute(),
    );
  }

  async setEventsHeld(count: number): Promise<void> {
    return this.write(async (db) => {
      await db.updateTable('archive_sync_state').set({ events_held: count }).where('app_id', '=', this.appId).execute();
    });
  }

  // ── windows ──

  /** Inserts windows, in the transaction given or on their own. */
  async insertWindows(windows: readonly NewWindow[], tx?: Transaction<Database>): Promise<void> {
    if (windows.length === 0) return;
    const insert = (db: Kysely<Database>) =>
      db
        .insertInto('archive_sync_windows')
        .values(windows.map((w) => this.windowRow(w)))
        .execute();
    await (tx ? insert(tx) : this.write(insert));
  }

  private windowRow(w: NewWindow): SyncWindow {
    return {
      app_id: this.appId,
      start_ms: w.from,
      end_ms: w.to,
      kind: w.kind,
      state: w.state,
      expected: w.expected,
      pages: 0,
      held_from_ms: w.heldFrom ?? null,
      attempts: 0,
      verified_at_ms: null,
    };
  }

  async windows(states?: readonly WindowState[]): Promise<SyncWindow[]> {
    const db = await this.db();
    let query = db.selectFrom('archive_sync_windows').selectAll().where('app_id', '=', this.appId);
    if (states) query = query.where('state', 'in', [...states]);
    return query.orderBy('start_ms').execute();
  }

  /** The newest window still to size or copy: the backfill works newest first. */
  async nextPending(): Promise<SyncWindow | undefined> {
    const db = await this.db();
    return db
      .selectFrom('archive_sync_windows')
      .selectAll()
      .where('app_id', '=', this.appId)
      .where('state', 'in', PENDING)
      .orderBy('start_ms', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The newest copied window that has settled and that the upstream still holds whole. */
  async nextToVerify(settledBefore: number, upstreamFrom: number): Promise<SyncWindow | undefined> {
    const db = await this.db();
    return db
      .selectFrom('archive_sync_windows')
      .selectAll()
      .where('app_id', '=', this.appId)
      .where('state', '=', 'copied')
      .where('end_ms', '<=', settledBefore)
      .where('end_ms', '>', upstreamFrom)
      .orderBy('start_ms', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Replaces an unplanned window by the windows its histogram sized. */
  async replaceWindow(start: number, windows: readonly NewWindow[]): Promise<void> {
    return this.write(async (db) => {
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('archive_sync_windows')
          .where('app_id', '=', this.appId)
          .where('start_ms', '=', start)
          .execute();
        await this.insertWindows(windows, tx);
      });
    });
  }

  /** One more page stored; `done` when it was the last. Conditional, so a stale holder cannot move it back. */
  async recordPage(w: SyncWindow, page: number, done: { heldFrom: number } | null): Promise<void> {
    return this.write(async (db) => {
      await db
        .updateTable('archive_sync_windows')
        .set(done ? { pages: page, state: 'copied', held_from_ms: done.heldFrom } : { pages: page })
        .where('app_id', '=', this.appId)
        .where('start_ms', '=', w.start_ms)
        .where('pages', '<', page)
        .execute();
    });
  }

  async updateWindow(start: number, patch: Partial<Omit<SyncWindow, 'app_id' | 'start_ms'>>): Promise<void> {
    return this.write(async (db) => {
      await db
        .updateTable('archive_sync_windows')
        .set(patch)
        .where('app_id', '=', this.appId)
        .where('start_ms', '=', start)
        .execute();
    });
  }

  /**
   * Marks a window verified and joins it with verified neighbours of its kind that touch it
   * with nothing missing between, so the table stays small and coverage cheap to read.
   */
  async markVerified(w: SyncWindow, at: number): Promise<void> {
    return this.write(async (db) => {
      await db.transaction().execute(async (tx) => {
        const around = await tx
          .selectFrom('archive_sync_windows')
          .selectAll()
          .where('app_id', '=', this.appId)
          .where('state', '=', 'verified')
          .where('kind', '=', w.kind)
          .where((eb) => eb.or([eb('end_ms', '=', w.start_ms), eb('start_ms', '=', w.end_ms)]))
          .execute();
        const older = around.find((o) => o.end_ms === w.start_ms && (w.held_from_ms ?? w.start_ms) <= w.start_ms);
        const newer = around.find((n) => n.start_ms === w.end_ms && (n.held_from_ms ?? n.start_ms) <= n.start_ms);
        const joined = [older, w, newer].filter((x): x is SyncWindow => x !== undefined);
        await tx
          .deleteFrom('archive_sync_windows')
          .where('app_id', '=', this.appId)
          .where(
            'start_ms',
            'in',
            joined.map((x) => x.start_ms),
          )
          .execute();
        const first = joined[0];
        const last = joined[joined.length - 1];
        await tx
          .insertInto('archive_sync_windows')
          .values({
            ...first,
            end_ms: last.end_ms,
            state: 'verified',
            expected: joined.reduce((n, x) => n + x.expected, 0),
            pages: joined.reduce((n, x) => n + x.pages, 0),
            attempts: 0,
            verified_at_ms: at,
          })
          .execute();
      });
    });
  }

  async deletePending(endingBy: number): Promise<void> {
    return this.write(async (db) => {
      await db
        .deleteFrom('archive_sync_windows')
        .where('app_id', '=', this.appId)
        .where('state', 'in', PENDING)
        .where('end_ms', '<=', endingBy)
        .execute();
    });
  }

  /** Retention: windows wholly before `cutoff` go; one across it holds from `cutoff` on. */
  async trimWindows(cutoff: number): Promise<void> {
    return this.write(async (db) => {
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('archive_sync_windows')
          .where('app_id', '=', this.appId)
          .where('end_ms', '<=', cutoff)
          .execute();
        await tx
          .updateTable('archive_sync_windows')
          .set({ held_from_ms: cutoff })
          .where('app_id', '=', this.appId)
          .where('start_ms', '<', cutoff)
          .where('state', 'in', HELD)
          .where((eb) => eb.or([eb('held_from_ms', 'is', null), eb('held_from_ms', '<', cutoff)]))
          .execute();
      });
    });
  }

  // ── the live segment ──

  /** Moves the live edge and stores the windows it closed or handed over, in one transaction. */
  async advanceLive(live: { cursor: number | null; segment: number | null }, windows: readonly NewWindow[]) {
    return this.write(async (db) => {
      await db.transaction().execute(async (tx) => {
        await this.insertWindows(windows, tx);
        await tx
          .updateTable('archive_sync_state')
          .set({ cursor_ms: live.cursor, segment_ms: live.segment })
          .where('app_id', '=', this.appId)
          .execute();
      });
    });
  }

  // ── lease and signals ──

  /** Takes or renews the lease: atomic on both dialects (one conditional statement each). */
  async acquireLease(holder: string, now: number, ttlMs: number): Promise<boolean> {
    return this.write(async (db) => {
      const inserted = await db
        .insertInto('archive_sync_lease')
        .values({ app_id: this.appId, holder, expires_ms: now + ttlMs, touched_ms: 0, wanted_ms: 0 })
        .onConflict((oc) => oc.column('app_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
      const updated = await db
        .updateTable('archive_sync_lease')
        .set({ holder, expires_ms: now + ttlMs })
        .where('app_id', '=', this.appId)
        .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_ms', '<=', now)]))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    });
  }

  async releaseLease(holder: string): Promise<void> {
    return this.write(async (db) => {
      await db
        .updateTable('archive_sync_lease')
        .set({ expires_ms: 0 })
        .where('app_id', '=', this.appId)
        .where('holder', '=', holder)
        .execute();
    });
  }

  async signals(): Promise<{ touched: number; wanted: number }> {
    const db = await this.db();
    const row = await db
      .selectFrom('archive_sync_lease')
      .select(['touched_ms', 'wanted_ms'])
      .where('app_id', '=', this.appId)
      .executeTakeFirst();
    return { touched: row?.touched_ms ?? 0, wanted: row?.wanted_ms ?? 0 };
  }

  /** Tells the holder, wherever it runs, that someone has a page open or waits for the live edge. */
  async signal(patch: { touched_ms?: number; wanted_ms?: number }): Promise<void> {
    return this.write(async (db) => {
      await db
        .insertInto('archive_sync_lease')
        .values({ app_id: this.appId, holder: '', expires_ms: 0, touched_ms: 0, wanted_ms: 0, ...patch })
        .onConflict((oc) => oc.column('app_id').doUpdateSet(patch))
        .execute();
    });
  }

  // ── calls ──

  async countCall(cls: ArchiveCallClass, minute: number): Promise<void> {
    return this.write(async (db) => {
      await db
        .insertInto('archive_sync_calls')
        .values({ app_id: this.appId, minute_ms: minute, class: cls, calls: 1 })
        .onConflict((oc) =>
          oc
            .columns(['app_id', 'minute_ms', 'class'])
            .doUpdateSet((eb) => ({ calls: eb('archive_sync_calls.calls', '+', 1) })),
        )
        .execute();
    });
  }

  async callsSince(since: number): Promise<Record<ArchiveCallClass, number>> {
    const db = await this.db();
    const rows = await db
      .selectFrom('archive_sync_calls')
      .select((eb) => ['class', eb.fn.sum<number>('calls').as('n')])
      .where('app_id', '=', this.appId)
      .where('minute_ms', '>=', since)
      .groupBy('class')
      .execute();
    const calls = { live: 0, verification: 0, backfill: 0 };
    for (const row of rows) calls[row.class] = Number(row.n);
    return calls;
  }

  async pruneCalls(before: number): Promise<void> {
    return this.write(async (db) => {
      await db
        .deleteFrom('archive_sync_calls')
        .where('app_id', '=', this.appId)
        .where('minute_ms', '<', before)
        .execute();
    });
  }

  // ── imports ──

  async markImported(from: number, to: number, label: string): Promise<void> {
    return this.write(async (db) => {
      await db
        .insertInto('archive_imports')
        .values({ app_id: this.appId, label, from_ms: from, to_ms: to })
        .onConflict((oc) => oc.columns(['app_id', 'label', 'from_ms']).doUpdateSet({ to_ms: to }))
        .execute();
    });
  }

  async imports(): Promise<{ label: string; from_ms: number; to_ms: number }[]> {
    const db = await this.db();
    return db
      .selectFrom('archive_imports')
      .select(['label', 'from_ms', 'to_ms'])
      .where('app_id', '=', this.appId)
      .orderBy('from_ms')
      .execute();
  }

  /** Retention: imported intervals lose what is before `cutoff`. */
  async trimImports(cutoff: number): Promise<void> {
    return this.write(async (db) => {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('archive_imports').where('app_id', '=', this.appId).where('to_ms', '<=', cutoff).execute();
        const straddling = await tx
          .selectFrom('archive_imports')
          .selectAll()
          .where('app_id', '=', this.appId)
          .where('from_ms', '<', cutoff)
          .execute();
        for (const row of straddling) {
          await tx
            .deleteFrom('archive_imports')
            .where('app_id', '=', this.appId)
            .where('label', '=', row.label)
            .where('from_ms', '=', row.from_ms)
            .execute();
          await tx
            .insertInto('archive_imports')
            .values({ ...row, from_ms: cutoff })
            .onConflict((oc) => oc.columns(['app_id', 'label', 'from_ms']).doNothing())
            .execute();
        }
      });
    });
  }
}
