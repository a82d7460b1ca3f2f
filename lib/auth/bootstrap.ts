/**
 * Users that must exist (or must not) when the server starts: the demo member in demo mode
 * only, and the first admin from DASHBOARD_ADMIN_USER / DASHBOARD_ADMIN_PASSWORD.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Settings } from '../env';
import type { Database } from '../db/schema';
import { countUsers, createUser, findUserByName, removeUser } from '../db/users';
import { hashPassword, verifyPassword } from './password';

export const DEMO_USER = { name: 'demo', password: 'demo', role: 'member' } as const;

export async function bootstrapUsers(db: Kysely<Database>, s: Settings): Promise<string[]> {
  const notes: string[] = [];
  const demo = await findUserByName(db, DEMO_USER.name);
  if (s.mode === 'demo' && !demo) {
    // The demo password is shorter than the policy allows on purpose, so it is inserted directly.
    const now = new Date().toISOString();
    await db
      .insertInto('users')
      .values({
        id: randomUUID(),
        name: DEMO_USER.name,
        role: DEMO_USER.role,
        password_hash: await hashPassword(DEMO_USER.password),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  if (s.mode === 'live' && demo && (await verifyPassword(DEMO_USER.password, demo.password_hash))) {
    await removeUser(db, DEMO_USER.name);
    notes.push('Removed the demo user: a real API key is set.');
  }
  if (s.mode === 'demo') notes.push(`Demo mode: sign in as "${DEMO_USER.name}" with password "${DEMO_USER.password}".`);
  if (s.DASHBOARD_ADMIN_USER && s.DASHBOARD_ADMIN_PASSWORD) {
    const others = (await countUsers(db)) - (s.mode === 'demo' ? 1 : 0);
    if (others <= 0 && !(await findUserByName(db, s.DASHBOARD_ADMIN_USER))) {
      await createUser(db, { name: s.DASHBOARD_ADMIN_USER, password: s.DASHBOARD_ADMIN_PASSWORD, role: 'admin' });
      notes.push(`Created the first admin "${s.DASHBOARD_ADMIN_USER}".`);
    }
  }
  return notes;
}
