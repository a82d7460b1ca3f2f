/**
 * Migrations, written once with Kysely's schema builder so the same steps run on the embedded
 * database (libSQL) and on Postgres. Append new ones; never edit a released one. Each part
 * that keeps tables of its own (the archive) lists its migrations beside its code; they run
 * here, in name order with the rest.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { archiveMigrations } from '../archive/migrations';
import { archiveSyncMigrations } from '../archive/sync/migrations';
import type { Dialect } from './dialect';

const migrations: Record<string, Migration> = {
  '2026-11-22-001-users': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-11-22-002-reports': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_updated_at').on('reports').column('updated_at').execute();
    },
  },
  '2026-11-22-003-cache-entries': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cache_entries')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('stored_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .execute();
    },
  },
  '2026-11-30-004-users-session-epoch': {
    // Moves on when a user's password changes: every session sealed with the old epoch ends.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('users')
        .addColumn('session_epoch', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return { ...migrations, ...archiveMigrations(dialect), ...archiveSyncMigrations(dialect) };
    },
  };
}
