// GET /api/reporting/terms: counts grouped by one field, planned and refused up front when over the call cap.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { acceptedCostOf, askerOf, reportingRequest } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request, user }) => {
  const asked = reportingRequest('terms', [...request.nextUrl.searchParams], {
    ...askerOf(request.headers, user),
    acceptedCost: acceptedCostOf(request.headers),
  });
  return reportingResponse(await reportingService().ask(asked));
});
