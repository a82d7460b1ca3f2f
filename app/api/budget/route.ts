// GET /api/budget: how many upstream calls are left this minute and hour, and any back-off in force.
import { route } from '@/lib/api/route';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async () => {
  const budget = await reportingService().budget();
  return Response.json(budget, { headers: { 'Cache-Control': 'private, no-store' } });
});
