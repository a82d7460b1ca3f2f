/** Users of the dashboard: names, roles and password hashes. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
import { ROLES, type Role, type SessionUser } from '../auth/roles';
import type { Database, UsersTable } from './schema';

export const userNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'name is required' })
  .max(64, { error: 'name is at most 64 characters' })
  .regex(/^[\w.@-]+$/, { error: 'name may hold letters, digits and . _ @ - only' });
export const passwordSchema = z
  .string()
  .min(8, { error: 'password must be at least 8 characters' })
  .max(256, { error: 'password is at most 256 characters' });
export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });

export type UserRecord = UsersTable;

export function toSessionUser(user: UserRecord): SessionUser {
  return { id: user.id, name: user.name, role: user.role };
}

export async function findUserByName(db: Kysely<Database>, name: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>): Promise<SessionUser[]> {
  const rows = await db.selectFrom('users').select(['id', 'name', 'role']).orderBy('name').execute();
  return rows;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Creates a user; the password is hashed here and nowhere else. */
export async function createUser(
  db: Kysely<Database>,
  input: { name: string; role: Role; password: string },
): Promise<SessionUser> {
  const now = new Date().toISOString();
  const user: UserRecord = {
    id: randomUUID(),
    name: userNameSchema.parse(input.name),
    role: roleSchema.parse(input.role),
    password_hash: await hashPassword(passwordSchema.parse(input.password)),
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(user).execute();
  return toSessionUser(user);
}

export async function setPassword(db: Kysely<Database>, name: string, password: string): Promise<boolean> {
  const hash = await hashPassword(passwordSchema.parse(password));
  const result = await db
    .updateTable('users')
    .set({ password_hash: hash, updated_at: new Date().toISOString() })
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function removeUser(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
