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

/**
 * One request's plan: the same choice its route would make if it were asked now, as the keys of
 * the upstream calls it would make (MAU counting plans by months, each call its own).
 */
async function callsOf(request: PageRequest): Promise<string[] | number> {
  const url = new URL(request.url, 'http://dashboard.invalid');
  const entries = [...url.searchParams];
  if (request.endpoint !== 'mau') return reportingService().plannedCalls(reportingRequest(request.endpoint, entries));
  const input = mauInputSchema(reportingService().now()).safeParse(entries);
  if (!input.success) {
    throw new ApiError('bad_request', input.error.issues[0]?.message ?? 'bad parameters', {
      field: issueField(input.error),
    });
  }
  return mauService().plan(input.data.months, { maxCalls: input.data.calls });
}

/** A page sends its requests together, so a call two of them need is made once: counted for the first. */
function countOnce(planned: (string[] | number)[]): number[] {
  const counted = new Set<string>();
  return planned.map((calls) => {
    if (typeof calls === 'number') return calls;
    const fresh = calls.filter((key) => !counted.has(key));
    for (const key of fresh) counted.add(key);
    return fresh.length;
  });
}

export const GET = route('viewer', async ({ request }) => {
  const input = planInputSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!input.success) throw badRequest(input.error);
  const built = pageRequests(input.data.path, reportingService().now());
  if (!built.ok) throw new ApiError('bad_request', built.problem.message, { field: 'path' });
  const calls = countOnce(await Promise.all(built.requests.map(callsOf)));
  const requests = built.requests.map((r, i) => ({ url: r.url, calls: calls[i] }));
  return Response.json(
    { calls: calls.reduce((sum, n) => sum + n, 0), requests },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
