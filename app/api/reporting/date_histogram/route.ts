// GET /api/reporting/date_histogram: every bucket of the requested series (the previous period too with compare=previous), or one page of it as the docs ask; planned and refused up front when over the call cap.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { acceptedCostOf, askerOf, reportingRequest } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request, user }) => {
  const asked = reportingRequest('date_histogram', [...request.nextUrl.searchParams], {
    ...askerOf(request.headers, user),
    acceptedCost: acceptedCostOf(request.headers),
  });
  return reportingResponse(await reportingService().ask(asked));
});
