import { describe, expect, it } from 'vitest';
import type { UpstreamQuery } from '../authy/schemas';
import { TEST_KEY, fakeUpstream, type Answer } from '@/test/support/fakes';
import { createUpstreamClient } from './upstream-client';
import { UpstreamError } from './upstream-errors';

const terms: Extract<UpstreamQuery, { endpoint: 'terms' }> = {
  endpoint: 'terms',
  params: {
    field: 'event',
    size: 10,
    scope: [{ attribute: 'time', operator: 'gte', value: '2019-01-01T00:00:00.000Z' }],
  },
};

function clientAnswering(answer: Answer, timeoutMs = 500) {
  const upstream = fakeUpstream(answer);
  return {
    client: createUpstreamClient({
      fetch: upstream.fetch,
      baseUrl: 'http://upstream.test/',
      apiKey: TEST_KEY,
      timeoutMs,
    }),
    upstream,
  };
}

const errorBody = (code: string, message: string) => ({
  error_code: code,
  message,
  errors: { message },
  success: false,
});

async function failure(answer: Answer, timeoutMs?: number): Promise<UpstreamError> {
  const { client } = clientAnswering(answer, timeoutMs);
  const error = await client.get(terms).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  const upstreamError = error as UpstreamError;
  expect(upstreamError.message).not.toContain(TEST_KEY);
  return upstreamError;
}

describe('upstream client', () => {
  it('asks the JSON endpoint with the canonical query and the key in its header, never in the URL', async () => {
    const { client, upstream } = clientAnswering(() =>
      Response.json({ terms: [{ key: 'a', count: 2 }], success: true }),
    );
    expect(await client.get(terms)).toEqual({ terms: [{ key: 'a', count: 2 }], success: true });
    const [url] = upstream.calls;
    expect(url.pathname).toBe('/protected/json/reporting/terms');
    expect(url.search).toBe('?field=event&scope%5Btime%5D%5Bgte%5D=2019-01-01T00%3A00%3A00.000Z&size=10');
    expect(url.toString()).not.toContain(TEST_KEY);
    expect(upstream.requests[0].headers.get('x-authy-api-key')).toBe(TEST_KEY);
  });

  it('maps a refused key (401, 60001) to upstream_refused with a hint, not the key', async () => {
    const error = await failure(() =>
      Response.json(errorBody('60001', `Invalid API key ${TEST_KEY}`), { status: 401 }),
    );
    expect([error.code, error.status, error.failure]).toEqual(['upstream_refused', 502, 'refused']);
    expect(error.message).toBe('The Authy API refused the API key. Check AUTHY_API_KEY.');
  });

  it('passes an upstream 400 on as a bad request with its message, scrubbed of the key', async () => {
    const error = await failure(() =>
      Response.json(errorBody('60004', `interval is invalid for ${TEST_KEY}`), { status: 400 }),
    );
    expect([error.code, error.status]).toEqual(['bad_request', 400]);
    expect(error.message).toContain('interval is invalid');
  });

  it.each([
    [
      'HTTP 429',
      () => Response.json(errorBody('60003', 'Too many requests'), { status: 429, headers: { 'Retry-After': '42' } }),
      42,
    ],
    [
      '60057 under another status',
      () => Response.json(errorBody('60057', 'Temporarily suspended'), { status: 503 }),
      undefined,
    ],
    ['60061', () => Response.json(errorBody('60061', 'Application suspended'), { status: 403 }), undefined],
  ])('treats %s as "back off"', async (_name, answer, retryAfter) => {
    const error = await failure(answer);
    expect(error.failure).toBe('back_off');
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(retryAfter);
  });

  it.each([
    ['a 500', () => Response.json(errorBody('60000', 'boom'), { status: 500 }), 'failed', /HTTP 500/],
    ['a body that is not JSON', () => new Response('{"terms": [', { status: 200 }), 'malformed', /not valid JSON/],
    [
      'a 200 without success: true',
      () => Response.json({ terms: [], success: false }),
      'malformed',
      /without a successful result/,
    ],
    [
      'a 200 of the wrong shape',
      () => Response.json({ terms: [{ key: 1 }], success: true }),
      'malformed',
      /expected shape/,
    ],
    ['an unreachable host', () => Promise.reject(new TypeError('fetch failed')), 'failed', /could not be reached/],
  ])('reports %s clearly', async (_name, answer, kind, message) => {
    const error = await failure(answer as Answer);
    expect(error.failure).toBe(kind);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(message);
  });

  it('gives up after the timeout with a 504, even if the upstream never answers', async () => {
    const started = Date.now();
    const error = await failure(() => new Promise<Response>(() => {}), 100);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect([error.code, error.status, error.failure]).toEqual(['upstream_timeout', 504, 'timeout']);
  });

  it('times out a body that never finishes', async () => {
    const stuck = new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"te')) });
    const error = await failure(() => new Response(stuck, { status: 200 }), 100);
    expect(error.failure).toBe('timeout');
  });
});
