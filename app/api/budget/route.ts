// GET /api/budget: calls left this minute and hour (by class), any back-off, who waits, and the caller's own queued calls.
import { route } from '@/lib/api/route';
import type { BudgetWithQueue } from '@/lib/reporting/types';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ user }) => {
  const service = reportingService();
  const [budget, queue] = await Promise.all([service.budget(), service.queueState(user.id)]);
  const body: BudgetWithQueue = { ...budget, queue };
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } });
});
