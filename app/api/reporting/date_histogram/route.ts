// GET /api/reporting/date_histogram: every bucket of the requested series (paged and merged on the server), or one page of it.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { badRequest, histogramInputSchema, priorityOf } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request }) => {
  const input = histogramInputSchema.safeParse([...request.nextUrl.searchParams]);
  if (!input.success) throw badRequest(input.error);
  const result = await reportingService().histogram(input.data.query, {
    priority: priorityOf(request.headers),
    range: input.data.range,
  });
  return reportingResponse(result);
});
