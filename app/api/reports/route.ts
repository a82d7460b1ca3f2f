// GET /api/reports lists the team's saved reports; POST /api/reports saves the current view.
import { readJson, route } from '@/lib/api/route';
import { listSavedReports, newReportSchema, saveReport } from '@/lib/saved-reports';
import { VIEW_CONTRACTS } from '@/app/(dashboard)/view-contracts';

export const GET = route('viewer', async ({ user }) => Response.json({ reports: await listSavedReports(user) }));

export const POST = route('member', async ({ request, user }) => {
  const input = await readJson(request, newReportSchema);
  const report = await saveReport(user, input, VIEW_CONTRACTS);
  return Response.json(report, { status: 201, headers: { Location: `/r/${report.id}` } });
});
