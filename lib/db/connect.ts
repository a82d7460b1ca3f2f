/**
 * Opens the store: Postgres when a `postgres://` URL is given, otherwise the embedded libSQL
 * file in the data folder, so a single machine needs nothing else. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from './dialect';
import { EmbeddedDialect } from './embedded-dialect';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type StoreLocation = { databaseUrl?: string; dataDir: string };
export type Store = { db: Kysely<Database>; dialect: Dialect };

// node-postgres hands bigint (int8) columns back as strings, since they may pass 2^53. The
// store's only bigints are epoch milliseconds and counts, far below that: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openStore(location: StoreLocation): Promise<Store> {
  const store = location.databaseUrl ? openPostgres(location.databaseUrl) : openEmbedded(location.dataDir);
  await migrate(store);
  return store;
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

function openEmbedded(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, 'dashboard.db');
  return { db: new Kysely<Database>({ dialect: new EmbeddedDialect({ url: `file:${file}` }) }), dialect: 'sqlite' };
}

/**
 * Two processes opening one embedded file at once (a second replica, a script) race: one finds
 * the file busy, or finds the other's migration done under it ("already exists"). Either tries
 * again on the state the other left; a migration that is wrong still fails, a few seconds later.
 */
const RACE = /SQLITE_BUSY|already exists/;
const BUSY_RETRIES = 20;
const BUSY_WAIT_MS = 250;

async function migrate({ db, dialect }: Store): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) return;
    if (dialect === 'sqlite' && RACE.test(String(error)) && attempt < BUSY_RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
      continue;
    }
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
