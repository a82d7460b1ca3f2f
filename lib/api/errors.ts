/**
 * The one error class of the API and its code → status map. Client-safe: the browser's fetcher
 * turns the envelope `{ error: { code, message, field? } }` back into an `ApiError`.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** The request would spend more upstream calls than one request may without the person's say-so. */
  over_call_cap: 422,
  rate_limited: 429,
  internal: 500,
  upstream_refused: 502,
  upstream_error: 502,
  unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** What a refused request would have cost, and the most one request may spend unasked. */
export type CallCost = { calls: number; cap: number };

export type ErrorEnvelope = {
  error: { code: ErrorCode; message: string; field?: string; retryAfterSeconds?: number; cost?: CallCost };
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly cost?: CallCost;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; retryAfterSeconds?: number; cost?: CallCost; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.cost = options.cost;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toEnvelope(): ErrorEnvelope {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined && { field: this.field }),
        ...(this.retryAfterSeconds !== undefined && { retryAfterSeconds: this.retryAfterSeconds }),
        ...(this.cost !== undefined && { cost: this.cost }),
      },
    };
  }
}
