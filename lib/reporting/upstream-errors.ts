/**
 * What can go wrong upstream, as `ApiError`s the route wrapper already knows how to answer,
 * plus what the service needs to decide: may stale data stand in, must everyone back off.
 */
import 'server-only';
import { ApiError, type ErrorCode } from '../api/errors';

export type UpstreamFailure = 'refused' | 'rejected' | 'back_off' | 'suspended' | 'failed' | 'timeout' | 'malformed';

const CODE: Record<UpstreamFailure, ErrorCode> = {
  refused: 'upstream_refused',
  rejected: 'bad_request',
  back_off: 'rate_limited',
  // Not our budget but the account: nothing we can retry soon, so 503 rather than 429.
  suspended: 'unavailable',
  failed: 'upstream_error',
  timeout: 'upstream_timeout',
  malformed: 'upstream_error',
};

export class UpstreamError extends ApiError {
  constructor(
    readonly failure: UpstreamFailure,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(CODE[failure], message, options);
    this.name = 'UpstreamError';
  }
}

/** Failures after which every replica stops calling for a while: more calls would only make it worse. */
export function mustBackOff(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && (error.failure === 'back_off' || error.failure === 'suspended');
}
