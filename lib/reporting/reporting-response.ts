/** How a reporting route answers: the upstream's JSON plus `meta`, and the cache state in `X-Cache`. */
import 'server-only';
import type { ReportingResult } from './types';

export function reportingResponse<T extends object>(result: ReportingResult<T>): Response {
  return Response.json(
    { ...result.data, meta: result.meta },
    { headers: { 'X-Cache': result.meta.cache, 'Cache-Control': 'private, no-store' } },
  );
}
