/**
 * The emulator's front door, fetch-compatible. An API call goes: count it ▸ latency ▸ key
 * ▸ injected 429 ▸ rate limit ▸ other injected faults ▸ parameters ▸ run ▸ serialize
 * (▸ malform). The order matters: a wrong key never spends budget, a refused call never
 * extends the suspension, and a bad parameter does spend it, as it would upstream.
 */
import { ENDPOINTS, type Endpoint } from '../authy/schemas';
import { runApiCall, type Snapshot } from './api-route';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import {
  gatewayTimeout,
  internalError,
  invalidApiKey,
  methodNotAllowed,
  notFound,
  serviceUnavailable,
  tooManyRequests,
} from './errors';
import { malformBody, sleep, TIMEOUT_HOLD_MS } from './faults';
import type { SlidingLogLimiter } from './rate-limit';
import { errorResponse, serialize, textResponse, type Format } from './respond';
import type { EmulatorStats } from './stats';

export const API_KEY_HEADER = 'X-Authy-API-Key';
const API_PATH = new RegExp(`^/protected/(json|xml)/reporting/(${ENDPOINTS.join('|')})/?$`);

export type HandlerDeps = ControlDeps & {
  apiKey: string;
  /** The data as the API shows it now; generates it on the first valid call. */
  snapshot: () => Snapshot;
  limiter: SlidingLogLimiter;
  /** The live counters (mutated here). */
  counters: EmulatorStats;
};

export function createHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(request, url.pathname, deps);
    const match = API_PATH.exec(url.pathname);
    if (!match) return errorResponse(notFound(url.pathname));
    return handleApi(request, url, match[1] as Format, match[2] as Endpoint, deps);
  };
}

async function handleApi(request: Request, url: URL, format: Format, endpoint: Endpoint, deps: HandlerDeps) {
  const { counters, faults } = deps;
  counters.requests[endpoint]++;
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return errorResponse(methodNotAllowed(request.method), format);
  await sleep(faults.current.latencyMs, request.signal);

  if (request.headers.get(API_KEY_HEADER) !== deps.apiKey) {
    counters.rejected.invalid_key++;
    return errorResponse(invalidApiKey(), format);
  }
  const fault = faults.draw();
  if (fault === 'tooMany') {
    counters.rejected.rate_limited++;
    return errorResponse(tooManyRequests(60), format);
  }
  const decision = deps.limiter.take(deps.apiKey);
  if (!decision.allowed) {
    counters.rejected.rate_limited++;
    return errorResponse(tooManyRequests(decision.retryAfterMs / 1000), format);
  }
  if (fault === 'error500') {
    return errorResponse(faults.serverErrorStatus() === 503 ? serviceUnavailable() : internalError(), format);
  }
  if (fault === 'timeout') {
    await sleep(TIMEOUT_HOLD_MS, request.signal);
    return errorResponse(gatewayTimeout(), format);
  }

  const outcome = runApiCall(endpoint, url.searchParams, deps.snapshot);
  if (!outcome.ok) {
    counters.rejected.invalid_request++;
    return errorResponse(outcome.error, format);
  }
  const text = serialize(outcome.body, format);
  return textResponse(fault === 'malformed' ? malformBody(text) : text, 200, format);
}
