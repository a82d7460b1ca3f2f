/** Serializes bodies and errors in the format the path asked for. */
import type { ApiError } from './errors';
import { toXml } from './xml';

export type Format = 'json' | 'xml';

const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

export function serialize(body: Record<string, unknown>, format: Format, root: 'hash' | 'errors' = 'hash'): string {
  return format === 'json' ? JSON.stringify(body) : toXml(body, root);
}

export function textResponse(
  text: string,
  status: number,
  format: Format,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, { status, headers: { 'Content-Type': CONTENT_TYPE[format], ...headers } });
}

export function errorResponse(error: ApiError, format: Format = 'json'): Response {
  return textResponse(serialize(error.body, format, 'errors'), error.status, format, error.headers);
}

export function jsonResponse(body: unknown, status = 200): Response {
  return textResponse(JSON.stringify(body), status, 'json');
}
