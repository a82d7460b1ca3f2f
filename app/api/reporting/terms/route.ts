// GET /api/reporting/terms: counts grouped by one field, through the cached, rate-limited service.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { badRequest, priorityOf, termsInputSchema } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request }) => {
  const input = termsInputSchema.safeParse([...request.nextUrl.searchParams]);
  if (!input.success) throw badRequest(input.error);
  const result = await reportingService().terms(input.data.query, {
    priority: priorityOf(request.headers),
    range: input.data.range,
  });
  return reportingResponse(result);
});
