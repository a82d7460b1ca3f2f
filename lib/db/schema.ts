/**
 * Tables of the dashboard's own store. Times are ISO strings: they sort and compare the same
 * in SQLite and Postgres, and need no driver-specific date handling.
 */
import type { Generated } from 'kysely';
import type { ArchiveDatabase } from '../archive/schema';
import type { ArchiveSyncDatabase } from '../archive/sync/schema';
import type { Role } from '../auth/roles';

export type UsersTable = {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  updated_at: string;
  /** Sessions carry the epoch they began in; a password change moves it on and ends them. */
  session_epoch: Generated<number>;
};

export type ReportsTable = {
  id: string;
  name: string;
  description: string | null;
  path: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
};

export type CacheEntriesTable = {
  key: string;
  value: string;
  stored_at: string;
  expires_at: string | null;
};

export type Database = {
  users: UsersTable;
  reports: ReportsTable;
  cache_entries: CacheEntriesTable;
} & ArchiveDatabase &
  ArchiveSyncDatabase;
