/**
 * Saved reports as the API offers them: permission checks and the view-path contract on top of
 * the store. Route handlers call these and nothing else.
 */
import 'server-only';
import { z } from 'zod';
import { ApiError } from './api/errors';
import { canManageReport } from './auth/report-permissions';
import type { SessionUser } from './auth/roles';
import { db } from './db';
import {
  createReport,
  deleteReport,
  findReport,
  listReports,
  reportDescriptionSchema,
  reportNameSchema,
  updateReport,
  type SavedReport,
} from './db/reports';
import { checkViewPath, type ViewContract } from './view-paths';

export const newReportSchema = z.object({
  name: reportNameSchema,
  description: reportDescriptionSchema.nullish(),
  path: z.string({ error: 'path is required' }),
});

export const reportChangesSchema = z
  .object({
    name: reportNameSchema.optional(),
    description: reportDescriptionSchema.nullish(),
    path: z.string().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { error: 'nothing to change: give name, description or path' });

export type ReportView = SavedReport & { page: string; canManage: boolean };

function view(report: SavedReport, user: SessionUser): ReportView {
  return { ...report, page: new URL(report.path, 'http://x').pathname, canManage: canManageReport(user, report) };
}

function validPath(path: string, contracts: Readonly<Record<string, ViewContract>>): string {
  const checked = checkViewPath(path, contracts);
  if (!checked.ok) throw new ApiError('bad_request', checked.problem.message, { field: 'path' });
  return checked.path;
}

async function existing(id: string): Promise<SavedReport> {
  const report = await findReport(await db(), id);
  if (!report) throw new ApiError('not_found', 'No saved report has that id.');
  return report;
}

export async function listSavedReports(user: SessionUser): Promise<ReportView[]> {
  return (await listReports(await db())).map((r) => view(r, user));
}

export async function getSavedReport(user: SessionUser, id: string): Promise<ReportView> {
  return view(await existing(id), user);
}

export async function saveReport(
  user: SessionUser,
  input: z.output<typeof newReportSchema>,
  contracts: Readonly<Record<string, ViewContract>>,
): Promise<ReportView> {
  const path = validPath(input.path, contracts);
  const report = await createReport(await db(), { ...input, path, ownerId: user.id });
  return view(report, user);
}

export async function changeReport(
  user: SessionUser,
  id: string,
  changes: z.output<typeof reportChangesSchema>,
  contracts: Readonly<Record<string, ViewContract>>,
): Promise<ReportView> {
  const report = await existing(id);
  if (!canManageReport(user, report))
    throw new ApiError('forbidden', 'Only its owner or an admin may change this report.');
  const path = changes.path === undefined ? undefined : validPath(changes.path, contracts);
  const updated = await updateReport(await db(), id, { ...changes, ...(path && { path }) });
  if (!updated) throw new ApiError('not_found', 'No saved report has that id.');
  return view(updated, user);
}

export async function removeReport(user: SessionUser, id: string): Promise<void> {
  const report = await existing(id);
  if (!canManageReport(user, report))
    throw new ApiError('forbidden', 'Only its owner or an admin may delete this report.');
  await deleteReport(await db(), id);
}
