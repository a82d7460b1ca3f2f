/**
 * The one wrapper every route handler goes through: session check, origin check on mutations,
 * and errors turned into the envelope `{ error: { code, message, field? } }`. A handler reads as
 * its own four steps; unknown errors become a generic 500 with the detail in the server log only.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { hasRole, type Role, type SessionUser } from '../auth/roles';
import { currentUser } from '../auth/session';
import { settings } from '../env';
import { log } from '../log';
import { withRequestId } from '../metrics/request-context';
import { metrics } from '../metrics/registry';
import { routeLabel } from '../metrics/route-label';
import { requestHost } from '../transport/client';
import { ApiError } from './errors';

type Access = 'public' | Role;

export type RouteContext<P> = { request: NextRequest; user: SessionUser | null; params: P; requestId: string };
type AuthedContext<P> = RouteContext<P> & { user: SessionUser };

type RouteHandler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browsers send Origin on every cross-site mutation; a mismatch is a forged request. The host
 * compared is the one a trusted proxy forwarded (TRUST_PROXY), else the request's own.
 */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true; // Non-browser clients (curl, tests) send none; the cookie is SameSite=Lax.
  const host = requestHost(request.headers, settings().TRUST_PROXY);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function errorResponse(error: ApiError, requestId?: string): Response {
  const headers = new Headers();
  if (error.retryAfterSeconds !== undefined)
    headers.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  if (requestId) headers.set('X-Request-Id', requestId);
  return Response.json(error.toEnvelope(), { status: error.status, headers });
}

function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return new ApiError('bad_request', issue.message, { field: issue.path.map(String).join('.') || undefined });
  }
  log.error({ err: error, requestId }, 'unhandled error in route handler');
  return new ApiError('internal', 'Something went wrong on the server. It has been logged.');
}

export function route<P = Record<string, never>>(
  access: 'public',
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): RouteHandler;
export function route<P = Record<string, never>>(
  access: Role,
  handler: (ctx: AuthedContext<P>) => Promise<Response>,
): RouteHandler;
export function route<P>(access: Access, handler: (ctx: AuthedContext<P>) => Promise<Response>): RouteHandler {
  return async (request, context) => {
    const requestId = validRequestId(request.headers.get('x-request-id')) ?? randomUUID();
    const started = performance.now();
    const response = await withRequestId(requestId, () => run(request, context, requestId));
    try {
      observe(request, response, requestId, started);
    } catch (err) {
      // Telemetry must never cost the caller an answer.
      log.warn({ err, requestId }, 'could not record request metrics');
    }
    return response;
  };

  async function run(
    request: NextRequest,
    context: { params: Promise<unknown> },
    requestId: string,
  ): Promise<Response> {
    try {
      if (MUTATIONS.has(request.method) && !sameOrigin(request)) {
        throw new ApiError('forbidden', 'Cross-site request refused.');
      }
      const user = access === 'public' ? await currentUser().catch(() => null) : await currentUser();
      if (access !== 'public') {
        if (!user) throw new ApiError('unauthorized', 'Sign in to use the dashboard.');
        if (!hasRole(user.role, access as Role)) throw new ApiError('forbidden', 'Your role does not allow this.');
      }
      const params = ((await context?.params) ?? {}) as P;
      // For 'public' routes user may be null; the overloads give those handlers that type.
      const response = await handler({ request, user: user as SessionUser, params, requestId });
      response.headers.set('X-Request-Id', requestId);
      return response;
    } catch (error) {
      return errorResponse(toApiError(error, requestId), requestId);
    }
  }
}

/** A caller's id is reused only when it is short and plain: it goes into every log line. */
function validRequestId(value: string | null): string | null {
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : null;
}

/** One log line and one latency observation per API request; the cache state from `X-Cache`. */
function observe(request: NextRequest, response: Response, requestId: string, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  const labels = {
    route: routeLabel(request.nextUrl.pathname),
    method: request.method,
    status: String(response.status),
  };
  const cache = response.headers.get('x-cache') ?? undefined;
  const m = metrics();
  m.requestDuration.observe(labels, seconds);
  if (cache === 'hit' || cache === 'miss' || cache === 'stale')
    m.cacheResults.inc({ route: labels.route, state: cache });
  const line = { requestId, ...labels, durationMs: Math.round(seconds * 1000), cache };
  if (response.status >= 500) log.warn(line, 'request');
  else log.info(line, 'request');
}

/** Parses JSON from a request body with `schema`, as a 400 naming the field when it does not fit. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError('bad_request', 'The body must be JSON.', { field: 'body' });
  }
  return schema.parse(body);
}
