/**
 * The browser's one fetcher: same-origin JSON, and the error envelope turned back into a typed
 * `ApiError` with `code`, `status` and the field it names.
 */
import { ApiError, ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from './errors';

function isEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

function codeForStatus(status: number): ErrorCode {
  const match = Object.entries(ERROR_STATUS).find(([, s]) => s === status);
  return (match?.[0] as ErrorCode | undefined) ?? 'internal';
}

export async function fetchJson<T>(input: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(input, {
    ...init,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  if (isEnvelope(body)) {
    const retryAfter = Number(response.headers.get('Retry-After')) || body.error.retryAfterSeconds;
    throw new ApiError(body.error.code, body.error.message, {
      field: body.error.field,
      retryAfterSeconds: retryAfter,
      cost: body.error.cost,
    });
  }
  throw new ApiError(codeForStatus(response.status), `The server answered ${response.status}.`);
}
