/**
 * The one place that talks to the Authy Reporting API (or the emulator): builds the URL from
 * the canonical query, sends the key in its header, gives up after a timeout and checks every
 * answer with zod. The key is never put in a message; upstream messages are scrubbed of it too.
 */
import 'server-only';
import {
  BACK_OFF_CODES,
  ERROR_CODES,
  errorResponseSchema,
  eventsResponseSchema,
  histogramResponseSchema,
  termsResponseSchema,
} from '../authy/responses';
import { encodeUpstreamQuery, type Endpoint, type UpstreamQuery } from '../authy/schemas';
import type { ResponseOf } from './types';
import { UpstreamError } from './upstream-errors';

/** `fetch`, or anything that answers a Request the same way (the in-process emulator). */
export type FetchLike = (request: Request) => Promise<Response>;

export type UpstreamOptions = { fetch: FetchLike; baseUrl: string; apiKey: string; timeoutMs: number };

export type UpstreamClient = {
  get<E extends Endpoint>(query: Extract<UpstreamQuery, { endpoint: E }>): Promise<ResponseOf[E]>;
};

const SCHEMAS = {
  events: eventsResponseSchema,
  date_histogram: histogramResponseSchema,
  terms: termsResponseSchema,
} as const;

/** Settles with `work`, or rejects when `signal` fires: a stuck upstream must not hold us. */
function within<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function createUpstreamClient(options: UpstreamOptions): UpstreamClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const scrub = (text: string) => (options.apiKey ? text.split(options.apiKey).join('[redacted]') : text);

  async function get<E extends Endpoint>(query: Extract<UpstreamQuery, { endpoint: E }>): Promise<ResponseOf[E]> {
    const url = `${base}/protected/json/reporting/${query.endpoint}?${encodeUpstreamQuery(query)}`;
    const signal = AbortSignal.timeout(options.timeoutMs);
    const request = new Request(url, {
      headers: { 'X-Authy-API-Key': options.apiKey, Accept: 'application/json' },
      signal,
    });
    let status: number;
    let retryAfter: number | undefined;
    let text: string;
    try {
      const response = await within(signal, options.fetch(request));
      status = response.status;
      retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
      text = await within(signal, response.text());
    } catch (error) {
      // Kept for the server log, scrubbed: a transport error could echo what it was sent.
      const cause = new Error(scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
      if (signal.aborted) {
        throw new UpstreamError('timeout', `The Authy API did not answer within ${options.timeoutMs / 1000} s.`, {
          cause,
        });
      }
      throw new UpstreamError('failed', 'The Authy API could not be reached.', { cause });
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new UpstreamError('malformed', `The Authy API sent a body that is not valid JSON (HTTP ${status}).`);
    }
    if (status === 200) {
      const parsed = SCHEMAS[query.endpoint].safeParse(body);
      if (parsed.success) return parsed.data as ResponseOf[E];
    }
    throw failureOf(status, body, retryAfter, scrub);
  }

  return { get };
}

/** Turns an upstream error (or a 200 that is not a success) into an UpstreamError. */
function failureOf(
  status: number,
  body: unknown,
  retryAfter: number | undefined,
  scrub: (text: string) => string,
): UpstreamError {
  const error = errorResponseSchema.safeParse(body);
  const code = error.success ? error.data.error_code : undefined;
  const said = error.success ? scrub(error.data.message) : undefined;
  if (code === ERROR_CODES.accountSuspended) {
    return new UpstreamError(
      'suspended',
      'The Authy application is suspended (Authy error 60060): the dashboard has stopped calling the API. Showing what is cached; contact Twilio support to lift the suspension.',
      { retryAfterSeconds: retryAfter },
    );
  }
  if (status === 429 || (code !== undefined && BACK_OFF_CODES.has(code))) {
    return new UpstreamError('back_off', 'The Authy API asked the dashboard to slow down. Showing what is cached.', {
      retryAfterSeconds: retryAfter,
    });
  }
  if (status === 401 || code === ERROR_CODES.invalidApiKey) {
    return new UpstreamError('refused', 'The Authy API refused the API key. Check AUTHY_API_KEY.');
  }
  if (status === 400) {
    return new UpstreamError('rejected', `The Authy API rejected the query: ${said ?? 'no reason given'}.`);
  }
  if (status === 200) {
    return new UpstreamError(
      'malformed',
      'The Authy API answered 200 without a successful result of the expected shape.',
    );
  }
  return new UpstreamError('failed', `The Authy API failed (HTTP ${status}${said ? `: ${said}` : ''}).`);
}
