// GET /api/reporting/terms: counts grouped by one field, through the cached, rate-limited service.
import { route } from '@/lib/api/route';
import { reportingResponse } from '@/lib/reporting/reporting-response';
import { badRequest, askerOf, termsInputSchema } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

export const GET = route('viewer', async ({ request, user }) => {
  const input = termsInputSchema.safeParse([...request.nextUrl.searchParams]);
  if (!input.success) throw badRequest(input.error);
  const result = await reportingService().terms(input.data.query, {
    ...askerOf(request.headers, user),
    range: input.data.range,
  });
  return reportingResponse(result);
});
