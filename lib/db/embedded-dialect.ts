/**
 * The embedded store's dialect: libSQL with one connection at a time per process. libSQL has
 * no busy timeout and opens a fresh connection for each transaction, so a statement issued
 * while another connection writes fails at once with SQLITE_BUSY (the archive's sync, its demo
 * pre-fill and people's requests all write). Kysely's own SQLite dialect queues connections
 * the same way; SQLite runs one writer at a time anyway, and its statements take milliseconds.
 */
import { LibsqlDialect } from '@libsql/kysely-libsql';
import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';

class ConnectionQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves, in arrival order, when the caller holds the connection; call the result to give it back. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

class QueuedDriver implements Driver {
  private readonly queue = new ConnectionQueue();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.queue.acquire();
    try {
      const connection = await this.inner.acquireConnection();
      this.releases.set(connection, release);
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.releases.get(connection)?.();
      this.releases.delete(connection);
    }
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export class EmbeddedDialect extends LibsqlDialect {
  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver());
  }
}
