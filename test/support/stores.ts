/**
 * The store backends every storage test runs against: the embedded database always, and a
 * real PostgreSQL when TEST_DATABASE_URL is set (npm test starts one). In CI a missing
 * Postgres is a failure, not a skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '@/lib/db/connect';

export type Backend = { name: 'embedded' | 'postgres'; open(): Promise<{ store: Store; close(): Promise<void> }> };

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl && process.env.CI)
  throw new Error('TEST_DATABASE_URL is not set: npm test starts PostgreSQL for the run.');

/** A fresh database per test file, so files can run in parallel without sharing rows. */
async function freshPostgresDatabase(url: string): Promise<string> {
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const backends: Backend[] = [
  {
    name: 'embedded',
    async open() {
      const dir = mkdtempSync(path.join(tmpdir(), 'store-test-'));
      const store = await openStore({ dataDir: dir });
      return {
        store,
        async close() {
          await store.db.destroy();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  ...(postgresUrl
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const store = await openStore({ dataDir: '.', databaseUrl: await freshPostgresDatabase(postgresUrl) });
            return { store, close: () => store.db.destroy() };
          },
        },
      ]
    : []),
];
