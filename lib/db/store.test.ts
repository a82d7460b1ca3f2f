import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from './connect';
import { openStore } from './connect';
import { countUsers, createUser, findUserByName, listUsers, removeUser, setPassword } from './users';
import { verifyPassword } from '../auth/password';

describe.each(backends)('store on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => close());

  it('runs the migrations once and again without harm', async () => {
    expect(store.dialect).toBe(backend.name === 'postgres' ? 'postgres' : 'sqlite');
    expect(await countUsers(store.db)).toBe(0);
  });

  it('creates, lists, re-passwords and removes users', async () => {
    await createUser(store.db, { name: 'carol', role: 'viewer', password: 'first password' });
    await createUser(store.db, { name: 'bob', role: 'member', password: 'first password' });
    expect((await listUsers(store.db)).map((u) => u.name)).toEqual(['bob', 'carol']);
    expect((await findUserByName(store.db, 'carol'))?.session_epoch).toBe(0);
    expect(await setPassword(store.db, 'carol', 'second password')).toBe(true);
    const carol = await findUserByName(store.db, 'carol');
    expect(await verifyPassword('second password', carol!.password_hash)).toBe(true);
    // A new password ends the user's sessions: their epoch moves on, the others' stay.
    expect(carol?.session_epoch).toBe(1);
    expect((await findUserByName(store.db, 'bob'))?.session_epoch).toBe(0);
    expect(await removeUser(store.db, 'carol')).toBe(true);
    expect(await removeUser(store.db, 'carol')).toBe(false);
    expect(await countUsers(store.db)).toBe(1);
  });

  it('refuses a second user with the same name', async () => {
    await expect(createUser(store.db, { name: 'bob', role: 'viewer', password: 'another password' })).rejects.toThrow();
  });
});

describe('embedded store persistence', () => {
  it('keeps users across a reopen (a restart)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/persist-`);
    const first = await openStore({ dataDir: dir });
    await createUser(first.db, { name: 'dave', role: 'admin', password: 'persisted pw' });
    await first.db.destroy();
    const second = await openStore({ dataDir: dir });
    expect((await findUserByName(second.db, 'dave'))?.role).toBe('admin');
    await second.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
});
