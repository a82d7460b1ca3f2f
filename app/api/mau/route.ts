// GET /api/mau: monthly active users, exact past the 100-term cap, within a per-request call budget.
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { settings } from '@/lib/env';
import { issueField, mauInputSchema } from '@/lib/mau/mau-input';
import { mauService } from '@/lib/reporting/mau/wiring';
import { checkCost } from '@/lib/reporting/plan';
import { acceptedCostOf, askerOf } from '@/lib/reporting/route-input';
import type { Budget } from '@/lib/reporting/types';
import { reportingService } from '@/lib/services';

/** Share of the hourly budget background counting never touches. */
const HOUR_RESERVE = 0.3;

function backgroundAllowance(budget: Budget, now: number): number {
  if (budget.backoffUntil !== null && Date.parse(budget.backoffUntil) > now) return 0;
  return Math.max(0, budget.hour.remaining - Math.ceil(budget.hour.limit * HOUR_RESERVE));
}

export const GET = route('viewer', async ({ request, user }) => {
  const service = reportingService();
  const input = mauInputSchema(service.now()).safeParse([...request.nextUrl.searchParams]);
  if (!input.success) {
    throw new ApiError('bad_request', input.error.issues[0]?.message ?? 'bad parameters', {
      field: issueField(input.error),
    });
  }
  const asker = askerOf(request.headers, user, 'mau');
  const acceptedCost = acceptedCostOf(request.headers);
  // Counting that continues by itself (background) leaves the hour's last calls to people.
  const allowance =
    asker.priority === 'background' ? backgroundAllowance(await service.budget(), service.now()) : Infinity;
  const maxCalls = Math.min(input.data.calls ?? Infinity, allowance);
  // Planned before anything is spent: over the cap only with the cost the person accepted.
  checkCost(await mauService().plan(input.data.months, { maxCalls }), settings().REQUEST_CALL_CAP, acceptedCost);
  const result = await mauService().count(input.data.months, { ...asker, maxCalls });
  return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
});
