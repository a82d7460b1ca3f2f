/**
 * At shutdown (server.mjs runs the shutdown tasks on SIGINT and SIGTERM) the archive's sync
 * gives its lease up: the replica started next takes it at once, not after the lease's 30 s.
 */
import { expect, it, vi } from 'vitest';

vi.stubEnv('AUTHY_API_KEY', '');
vi.stubEnv('REDIS_URL', '');
vi.stubEnv('EMULATOR_EVENTS', '2000');

const { settings } = await import('@/lib/env');
const { store } = await import('@/lib/db');
const { appIdFor } = await import('@/lib/archive/app-id');
const { SyncStore } = await import('@/lib/archive/sync/sync-store');
const { startArchive } = await import('@/lib/services');
const { runShutdown } = await import('@/lib/shutdown.mjs');

it('gives the sync lease up at shutdown', async () => {
  const { db } = await store();
  const leases = new SyncStore(async () => db, appIdFor(settings().emulator.EMULATOR_API_KEY));
  const anotherReplica = () => leases.acquireLease('another-replica', Date.now(), 30_000);

  startArchive();
  await vi.waitFor(async () => {
    const [row] = await db.selectFrom('archive_sync_lease').select('holder').execute();
    expect(row?.holder).toBeTruthy();
  });
  expect(await anotherReplica()).toBe(false);

  await runShutdown(5_000);
  expect(await anotherReplica()).toBe(true);
});
