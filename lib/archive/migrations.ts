/**
 * The archive's migrations, appended to the store's own list (lib/db/migrations.ts) and run
 * with it on open. Written with Kysely's schema builder; where the dialects must differ (the
 * integer type of epoch milliseconds), the dialect is passed in. Append; never edit a
 * released migration.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../db/dialect';

export function archiveMigrations(dialect: Dialect): Record<string, Migration> {
  // Epoch milliseconds pass 2^31: Postgres needs bigint; SQLite's integer is already 64-bit.
  const epochMs = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    '2026-11-30-001-archive-events': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('archive_events')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('time_ms', epochMs, (c) => c.notNull())
          .addColumn('request_id', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_events_identity', ['app_id', 'request_id', 'event', 'time_ms'])
          .execute();
        await db.schema
          .createIndex('archive_events_time')
          .on('archive_events')
          .columns(['app_id', 'time_ms'])
          .execute();
      },
    },
  };
}
