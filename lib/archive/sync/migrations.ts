/**
 * The sync's migrations, appended to the store's list (lib/db/migrations.ts) after the
 * archive's own. Append; never edit a released migration.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../../db/dialect';

export function archiveSyncMigrations(dialect: Dialect): Record<string, Migration> {
  // Epoch milliseconds and event counts pass 2^31: Postgres needs bigint; SQLite's integer is 64-bit.
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    '2026-11-30-010-archive-sync': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('archive_sync_state')
          .addColumn('app_id', 'text', (c) => c.primaryKey())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('rate_per_hour', 'double precision', (c) => c.notNull())
          .addColumn('fit_at_ms', big, (c) => c.notNull())
          .addColumn('floor_ms', big, (c) => c.notNull())
          .addColumn('cursor_ms', big)
          .addColumn('segment_ms', big)
          .addColumn('events_held', big, (c) => c.notNull().defaultTo(0))
          .addColumn('pruned_at_ms', big)
          .execute();
        await db.schema
          .createTable('archive_sync_windows')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('start_ms', big, (c) => c.notNull())
          .addColumn('end_ms', big, (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('expected', big, (c) => c.notNull())
          .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('held_from_ms', big)
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('verified_at_ms', big)
          .addPrimaryKeyConstraint('archive_sync_windows_key', ['app_id', 'start_ms'])
          .execute();
        await db.schema
          .createIndex('archive_sync_windows_state')
          .on('archive_sync_windows')
          .columns(['app_id', 'state', 'start_ms'])
          .execute();
        await db.schema
          .createTable('archive_sync_lease')
          .addColumn('app_id', 'text', (c) => c.primaryKey())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('expires_ms', big, (c) => c.notNull())
          .addColumn('touched_ms', big, (c) => c.notNull().defaultTo(0))
          .addColumn('wanted_ms', big, (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('archive_sync_calls')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('minute_ms', big, (c) => c.notNull())
          .addColumn('class', 'text', (c) => c.notNull())
          .addColumn('calls', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_sync_calls_key', ['app_id', 'minute_ms', 'class'])
          .execute();
        await db.schema
          .createTable('archive_imports')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('from_ms', big, (c) => c.notNull())
          .addColumn('to_ms', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_imports_key', ['app_id', 'label', 'from_ms'])
          .execute();
        await db.schema
          .createTable('archive_rollup_hourly')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('hour_ms', big, (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('count', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_rollup_hourly_key', ['app_id', 'hour_ms', 'event'])
          .execute();
        await db.schema
          .createTable('archive_rollup_daily_terms')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('day_ms', big, (c) => c.notNull())
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('count', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_rollup_daily_terms_key', ['app_id', 'day_ms', 'field', 'key'])
          .execute();
        await db.schema
          .createTable('archive_rollup_spans')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('from_ms', big, (c) => c.notNull())
          .addColumn('to_ms', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_rollup_spans_key', ['app_id', 'kind', 'from_ms'])
          .execute();
      },
    },
  };
}
