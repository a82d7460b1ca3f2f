// GET /api/reporting/events: one page of raw events, planned and refused up front when over the call cap.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { acceptedCostOf, askerOf, reportingRequest } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request, user }) => {
  const asked = reportingRequest('events', [...request.nextUrl.searchParams], {
    ...askerOf(request.headers, user),
    acceptedCost: acceptedCostOf(request.headers),
  });
  return reportingResponse(await reportingService().ask(asked));
});
