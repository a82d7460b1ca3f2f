// GET /api/plan?path=<a page URL>: the upstream calls opening that page now would spend, request by request.
import { z } from 'zod';
import { pageRequests, type PageRequest } from '@/app/(dashboard)/page-requests';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { issueField, mauInputSchema } from '@/lib/mau/mau-input';
import { mauService } from '@/lib/reporting/mau/wiring';
import { badRequest, reportingRequest } from '@/lib/reporting/route-input';
import { reportingService } from '@/lib/services';

const planInputSchema = z.object({ path: z.string({ error: 'path is required: a page URL such as /terms?range=7d' }) });

/** One request's plan: the same choice its route would make if it were asked now. */
async function callsOf(request: PageRequest): Promise<number> {
  const url = new URL(request.url, 'http://dashboard.invalid');
  const entries = [...url.searchParams];
  if (request.endpoint !== 'mau') return reportingService().cost(reportingRequest(request.endpoint, entries));
  const input = mauInputSchema(reportingService().now()).safeParse(entries);
  if (!input.success) {
    throw new ApiError('bad_request', input.error.issues[0]?.message ?? 'bad parameters', {
      field: issueField(input.error),
    });
  }
  return mauService().plan(input.data.months, { maxCalls: input.data.calls });
}

export const GET = route('viewer', async ({ request }) => {
  const input = planInputSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!input.success) throw badRequest(input.error);
  const built = pageRequests(input.data.path, reportingService().now());
  if (!built.ok) throw new ApiError('bad_request', built.problem.message, { field: 'path' });
  const requests = await Promise.all(built.requests.map(async (r) => ({ url: r.url, calls: await callsOf(r) })));
  const calls = requests.reduce((sum, r) => sum + r.calls, 0);
  return Response.json({ calls, requests }, { headers: { 'Cache-Control': 'private, no-store' } });
});
