// GET /api/reporting/date_histogram: every bucket of the requested series, paged and merged on the server.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { badRequest, histogramInputSchema, askerOf } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request, user }) => {
  const input = histogramInputSchema.safeParse([...request.nextUrl.searchParams]);
  if (!input.success) throw badRequest(input.error);
  const result = await reportingService().histogram(input.data.query, {
    ...askerOf(request.headers, user),
    range: input.data.range,
  });
  return reportingResponse(result);
});
