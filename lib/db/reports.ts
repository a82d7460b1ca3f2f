/** Saved reports: a named view (a page path with its query) that the whole team can open. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, ReportsTable } from './schema';

export const reportNameSchema = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, { error: 'name is required' })
  .max(120, { error: 'name is at most 120 characters' });
export const reportDescriptionSchema = z.string().trim().max(1000, { error: 'description is at most 1000 characters' });

export type SavedReport = {
  id: string;
  name: string;
  description: string | null;
  path: string;
  owner: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
};

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Short, unguessable, unambiguous ids for `/r/{id}` links. */
export function newReportId(length = 10): string {
  return Array.from(randomBytes(length), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

function selectReports(db: Kysely<Database>) {
  return db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.owner_id')
    .select([
      'reports.id',
      'reports.name',
      'reports.description',
      'reports.path',
      'reports.owner_id',
      'reports.created_at',
      'reports.updated_at',
      'users.name as owner_name',
    ]);
}

type Row = ReportsTable & { owner_name: string };

function toReport(row: Row): SavedReport {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    path: row.path,
    owner: { id: row.owner_id, name: row.owner_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listReports(db: Kysely<Database>): Promise<SavedReport[]> {
  const rows = await selectReports(db).orderBy('reports.updated_at', 'desc').orderBy('reports.id').execute();
  return rows.map(toReport);
}

export async function findReport(db: Kysely<Database>, id: string): Promise<SavedReport | undefined> {
  const row = await selectReports(db).where('reports.id', '=', id).executeTakeFirst();
  return row && toReport(row);
}

export async function createReport(
  db: Kysely<Database>,
  input: { name: string; description?: string | null; path: string; ownerId: string },
): Promise<SavedReport> {
  const now = new Date().toISOString();
  const id = newReportId();
  await db
    .insertInto('reports')
    .values({
      id,
      name: input.name,
      description: input.description ?? null,
      path: input.path,
      owner_id: input.ownerId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const created = await findReport(db, id);
  if (!created) throw new Error('a saved report vanished right after it was written');
  return created;
}

export async function updateReport(
  db: Kysely<Database>,
  id: string,
  changes: { name?: string; description?: string | null; path?: string },
): Promise<SavedReport | undefined> {
  await db
    .updateTable('reports')
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  return findReport(db, id);
}

export async function deleteReport(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('reports').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
