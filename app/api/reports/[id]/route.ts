// GET, PATCH and DELETE /api/reports/{id}: one saved report; changes by its owner or an admin.
import { readJson, route } from '@/lib/api/route';
import { changeReport, getSavedReport, removeReport, reportChangesSchema } from '@/lib/saved-reports';
import { VIEW_CONTRACTS } from '@/app/(dashboard)/view-contracts';

type Params = { id: string };

export const GET = route<Params>('viewer', async ({ user, params }) =>
  Response.json(await getSavedReport(user, params.id)),
);

export const PATCH = route<Params>('member', async ({ request, user, params }) => {
  const changes = await readJson(request, reportChangesSchema);
  return Response.json(await changeReport(user, params.id, changes, VIEW_CONTRACTS));
});

export const DELETE = route<Params>('member', async ({ user, params }) => {
  await removeReport(user, params.id);
  return new Response(null, { status: 204 });
});
