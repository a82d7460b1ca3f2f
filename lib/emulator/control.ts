/**
 * The `/__emulator/*` control paths: stats, reset, faults, limits. They need no API key; the
 * standalone server only lets loopback clients reach them (server.ts).
 */
import { z } from 'zod';
import { ERROR_CODES } from '../authy/responses';
import { apiError, notFound } from './errors';
import { faultsUpdateSchema, type FaultInjector } from './faults';
import type { SlidingLogLimiter } from './rate-limit';
import { errorResponse, jsonResponse } from './respond';
import type { EmulatorStats } from './stats';

export const CONTROL_PREFIX = '/__emulator/';

export type ControlDeps = {
  stats: () => EmulatorStats;
  reset: () => void;
  faults: FaultInjector;
  limiter: SlidingLogLimiter;
};

const limitsSchema = z.strictObject({
  perMinute: z.number().int().min(1),
  perHour: z.number().int().min(1),
});

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
    case 'GET limits':
      return jsonResponse(deps.limiter.current);
    case 'POST limits':
      return updateLimits(request, deps.limiter);
    default:
      return errorResponse(notFound(path));
  }
}

async function readBody<T>(
  request: Request,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return {
      ok: false,
      response: errorResponse(apiError(400, ERROR_CODES.invalidRequest, 'Invalid request: the body must be JSON')),
    };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body');
  return {
    ok: false,
    response: errorResponse(
      apiError(400, ERROR_CODES.invalidParameter, `Invalid parameter ${field}: ${issue.message}`),
    ),
  };
}

async function updateFaults(request: Request, faults: FaultInjector): Promise<Response> {
  const body = await readBody(request, faultsUpdateSchema);
  if (!body.ok) return body.response;
  faults.update(body.value);
  return jsonResponse(faults.current);
}

/** A benchmark fills an archive at generous limits, then holds the same data to the real ones. */
async function updateLimits(request: Request, limiter: SlidingLogLimiter): Promise<Response> {
  const body = await readBody(request, limitsSchema);
  if (!body.ok) return body.response;
  limiter.set(body.value);
  return jsonResponse(limiter.current);
}
