/**
 * The `/__emulator/*` control paths: stats, reset, faults. They need no API key; the
 * standalone server only lets loopback clients reach them (server.ts).
 */
import { ERROR_CODES } from '../authy/responses';
import { apiError, notFound } from './errors';
import { faultsUpdateSchema, type FaultInjector } from './faults';
import { errorResponse, jsonResponse } from './respond';
import type { EmulatorStats } from './stats';

export const CONTROL_PREFIX = '/__emulator/';

export type ControlDeps = {
  stats: () => EmulatorStats;
  reset: () => void;
  faults: FaultInjector;
};

export async function handleControl(request: Request, path: string, deps: ControlDeps): Promise<Response> {
  const route = `${request.method} ${path.slice(CONTROL_PREFIX.length).replace(/\/$/, '')}`;
  switch (route) {
    case 'GET stats':
      return jsonResponse(deps.stats());
    case 'POST reset':
      deps.reset();
      return jsonResponse({ reset: true });
    case 'GET faults':
      return jsonResponse(deps.faults.current);
    case 'POST faults':
      return updateFaults(request, deps.faults);
    default:
      return errorResponse(notFound(path));
  }
}

async function updateFaults(request: Request, faults: FaultInjector): Promise<Response> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return errorResponse(apiError(400, ERROR_CODES.invalidRequest, 'Invalid request: the body must be JSON'));
  }
  const parsed = faultsUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body');
    return errorResponse(apiError(400, ERROR_CODES.invalidParameter, `Invalid parameter ${field}: ${issue.message}`));
  }
  faults.update(parsed.data);
  return jsonResponse(faults.current);
}
