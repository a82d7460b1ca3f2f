// GET /api/mau: monthly active users, exact past the 100-term cap, within a per-request call budget.
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { issueField, mauInputSchema } from '@/lib/reporting/mau/mau-input';
import { mauService } from '@/lib/reporting/mau/wiring';
import { priorityOf } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request }) => {
  const input = mauInputSchema(reportingService().now()).safeParse([...request.nextUrl.searchParams]);
  if (!input.success) {
    throw new ApiError('bad_request', input.error.issues[0]?.message ?? 'bad parameters', { field: issueField(input.error) });
  }
  const result = await mauService().count(input.data.months, { priority: priorityOf(request.headers) });
  return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
});
