/**
 * The upstream's error bodies: `{"error_code", "message", "errors": {"message"}, "success":
 * false}` with the documented codes and statuses (FACTS.md).
 */
import type { ErrorResponse } from '../authy/responses';
import { ERROR_CODES } from '../authy/responses';

export type ApiError = { status: number; body: ErrorResponse; headers?: Record<string, string> };

export function apiError(status: number, code: string, message: string, headers?: Record<string, string>): ApiError {
  return { status, body: { error_code: code, message, errors: { message }, success: false }, headers };
}

export const invalidApiKey = () => apiError(401, ERROR_CODES.invalidApiKey, 'Invalid API key');

export const invalidRequest = (message: string) =>
  apiError(400, ERROR_CODES.invalidRequest, `Invalid request: ${message}`);

/** The message names the parameter first, whatever the schema's own wording. */
export function invalidParameter(field: string, message: string): ApiError {
  const named = message.startsWith(field) ? `: ${message}` : ` ${field}: ${message}`;
  return apiError(400, ERROR_CODES.invalidParameter, `Invalid parameter${named}`);
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return apiError(
    429,
    ERROR_CODES.tooManyRequests,
    'Too many requests: the application is temporarily suspended, try again later',
    { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  );
}

export const notFound = (path: string) => apiError(404, ERROR_CODES.generic, `Not found: ${path}`);

export const methodNotAllowed = (method: string) => apiError(405, ERROR_CODES.generic, `Method ${method} not allowed`);

export const internalError = () => apiError(500, ERROR_CODES.generic, 'Internal server error');

/** Reporting's own "error processing report" (the Java client's 60096), served as 503. */
export const serviceUnavailable = () => apiError(503, '60096', 'Error processing report');

export const gatewayTimeout = () => apiError(504, ERROR_CODES.generic, 'The request timed out');
