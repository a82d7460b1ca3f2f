import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './connect';

describe('the embedded store under concurrent work', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'embedded-dialect-'));
    store = await openStore({ dataDir: dir });
    await sql`CREATE TABLE t (n INTEGER NOT NULL)`.execute(store.db);
  });
  afterAll(async () => {
    await store.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs writes, reads and transactions at once without SQLITE_BUSY', async () => {
    // libSQL opens a new connection per transaction: without the queue, a write issued while a
    // transaction holds the write lock fails at once ("database is locked").
    const transactions = Array.from({ length: 20 }, (_, i) =>
      store.db.transaction().execute(async (trx) => {
        for (let k = 0; k < 10; k++) await sql`INSERT INTO t (n) VALUES (${i * 100 + k})`.execute(trx);
      }),
    );
    const writes = Array.from({ length: 50 }, (_, i) =>
      sql`INSERT INTO t (n) VALUES (${10_000 + i})`.execute(store.db),
    );
    const reads = Array.from({ length: 50 }, () => sql<{ c: number }>`SELECT count(*) AS c FROM t`.execute(store.db));
    await Promise.all([...transactions, ...writes, ...reads]);
    const { rows } = await sql<{ c: number }>`SELECT count(*) AS c FROM t`.execute(store.db);
    expect(Number(rows[0].c)).toBe(250);
  });

  it('gives the connection back when a transaction fails', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO t (n) VALUES (-1)`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const { rows } = await sql<{ c: number }>`SELECT count(*) AS c FROM t WHERE n = -1`.execute(store.db);
    expect(Number(rows[0].c)).toBe(0);
  });
});

describe('two stores opening one embedded file at once', () => {
  it('both migrate: the second waits while the first holds the file', async () => {
    // What two processes do (a second replica, a script): each has its own connections.
    const dir = mkdtempSync(path.join(tmpdir(), 'embedded-twice-'));
    try {
      const stores = await Promise.all([openStore({ dataDir: dir }), openStore({ dataDir: dir })]);
      for (const s of stores) {
        const { rows } = await sql<{ c: number }>`SELECT count(*) AS c FROM users`.execute(s.db);
        expect(Number(rows[0].c)).toBe(0);
        await s.db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
