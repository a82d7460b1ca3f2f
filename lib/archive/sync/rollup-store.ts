/**
 * Rollups: what the archive keeps of the periods it holds no events for. Hourly counts per
 * event name and a day's top 100 countries and device types, with the spans each kind holds.
 * Aggregates only: no user ids, phone hashes or devices.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { mergeIntervals, type Interval } from './intervals';
import { serialized } from './write-lock';
import type { RollupField, RollupKind } from './schema';

type Db = () => Promise<Kysely<Database>>;

/** The attribute each daily terms rollup counts. */
export const ROLLUP_FIELDS: Record<RollupField, string> = {
  country: 'objects.user.s_country_code',
  device_type: 'objects.device.s_device_type',
};

export const ROLLUP_KINDS: readonly RollupKind[] = ['hourly', 'country', 'device_type'];

export class RollupStore {
  constructor(
    private readonly db: Db,
    private readonly appId: string,
  ) {}

  /** Runs a write transaction under the store's write lock (see write-lock.ts). */
  private async write(work: (tx: Kysely<Database>) => Promise<void>): Promise<void> {
    const db = await this.db();
    await serialized(db, () => db.transaction().execute(work));
  }

  async spans(kind: RollupKind): Promise<Interval[]> {
    const db = await this.db();
    const rows = await db
      .selectFrom('archive_rollup_spans')
      .select(['from_ms', 'to_ms'])
      .where('app_id', '=', this.appId)
      .where('kind', '=', kind)
      .orderBy('from_ms')
      .execute();
    return rows.map((r) => ({ from: r.from_ms, to: r.to_ms }));
  }

  /** Stores an hour range's counts (zero counts left out) and records the range as held. */
  async putHourly(span: Interval, counts: readonly { hour: number; event: string; count: number }[]): Promise<void> {
    await this.write(async (tx) => {
      await tx
        .deleteFrom('archive_rollup_hourly')
        .where('app_id', '=', this.appId)
        .where('hour_ms', '>=', span.from)
        .where('hour_ms', '<', span.to)
        .execute();
      const rows = counts
        .filter((c) => c.count > 0)
        .map((c) => ({ app_id: this.appId, hour_ms: c.hour, event: c.event, count: c.count }));
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insertInto('archive_rollup_hourly')
          .values(rows.slice(i, i + 500))
          .execute();
      }
      await this.addSpan(tx, 'hourly', span);
    });
  }

  /** Stores a day's top terms of a field and records the day as held. */
  async putDailyTerms(day: Interval, field: RollupField, terms: readonly { key: string; count: number }[]) {
    await this.write(async (tx) => {
      await tx
        .deleteFrom('archive_rollup_daily_terms')
        .where('app_id', '=', this.appId)
        .where('field', '=', field)
        .where('day_ms', '=', day.from)
        .execute();
      if (terms.length > 0) {
        await tx
          .insertInto('archive_rollup_daily_terms')
          .values(terms.map((t) => ({ app_id: this.appId, day_ms: day.from, field, key: t.key, count: t.count })))
          .execute();
      }
      await this.addSpan(tx, field, day);
    });
  }

  private async addSpan(tx: Kysely<Database>, kind: RollupKind, span: Interval): Promise<void> {
    const rows = await tx
      .selectFrom('archive_rollup_spans')
      .select(['from_ms', 'to_ms'])
      .where('app_id', '=', this.appId)
      .where('kind', '=', kind)
      .execute();
    const merged = mergeIntervals([...rows.map((r) => ({ from: r.from_ms, to: r.to_ms })), span]);
    await tx.deleteFrom('archive_rollup_spans').where('app_id', '=', this.appId).where('kind', '=', kind).execute();
    await tx
      .insertInto('archive_rollup_spans')
      .values(merged.map((m) => ({ app_id: this.appId, kind, from_ms: m.from, to_ms: m.to })))
      .execute();
  }

  /** Hourly counts per event name with hour in [from, to). */
  async hourly(from: number, to: number): Promise<{ hour: number; event: string; count: number }[]> {
    const db = await this.db();
    const rows = await db
      .selectFrom('archive_rollup_hourly')
      .select(['hour_ms', 'event', 'count'])
      .where('app_id', '=', this.appId)
      .where('hour_ms', '>=', from)
      .where('hour_ms', '<', to)
      .orderBy('hour_ms')
      .orderBy('event')
      .execute();
    return rows.map((r) => ({ hour: r.hour_ms, event: r.event, count: r.count }));
  }

  /** Each day's top terms of a field with day in [from, to). */
  async dailyTerms(
    field: RollupField,
    from: number,
    to: number,
  ): Promise<{ day: number; key: string; count: number }[]> {
    const db = await this.db();
    const rows = await db
      .selectFrom('archive_rollup_daily_terms')
      .select(['day_ms', 'key', 'count'])
      .where('app_id', '=', this.appId)
      .where('field', '=', field)
      .where('day_ms', '>=', from)
      .where('day_ms', '<', to)
      .orderBy('day_ms')
      .orderBy('count', 'desc')
      .orderBy('key')
      .execute();
    return rows.map((r) => ({ day: r.day_ms, key: r.key, count: r.count }));
  }

  /** Retention: rollups before `cutoff` go, with their spans. */
  async prune(cutoff: number): Promise<void> {
    await this.write(async (tx) => {
      await tx
        .deleteFrom('archive_rollup_hourly')
        .where('app_id', '=', this.appId)
        .where('hour_ms', '<', cutoff)
        .execute();
      await tx
        .deleteFrom('archive_rollup_daily_terms')
        .where('app_id', '=', this.appId)
        .where('day_ms', '<', cutoff)
        .execute();
      for (const kind of ROLLUP_KINDS) {
        const rows = await tx
          .selectFrom('archive_rollup_spans')
          .select(['from_ms', 'to_ms'])
          .where('app_id', '=', this.appId)
          .where('kind', '=', kind)
          .where('from_ms', '<', cutoff)
          .execute();
        await tx
          .deleteFrom('archive_rollup_spans')
          .where('app_id', '=', this.appId)
          .where('kind', '=', kind)
          .where('from_ms', '<', cutoff)
          .execute();
        const kept = rows.filter((r) => r.to_ms > cutoff).map((r) => ({ from: cutoff, to: r.to_ms }));
        for (const span of mergeIntervals(kept)) await this.addSpan(tx, kind, span);
      }
    });
  }
}
