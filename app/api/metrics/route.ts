// GET /api/metrics: Prometheus text for a scraper holding METRICS_TOKEN (404 when no token is set, 401 when wrong).
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { settings } from '@/lib/env';
import { metrics } from '@/lib/metrics/registry';
import { reportingService } from '@/lib/services';
import { bearerMatches } from './bearer';

export const GET = route('public', async ({ request }) => {
  const token = settings().METRICS_TOKEN;
  // No token configured: the endpoint does not exist, rather than exist unprotected.
  if (!token) throw new ApiError('not_found', 'Not found.');
  if (!bearerMatches(request.headers.get('authorization'), token)) {
    const error = new ApiError('unauthorized', 'A valid metrics bearer token is required.');
    return Response.json(error.toEnvelope(), {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
  }
  // Builds the service if no request has yet, so the budget gauge always has a source.
  reportingService();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
  });
});
