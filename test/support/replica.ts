/**
 * One app replica for the Redis test: builds the service exactly as the app does
 * (`reportingService()` from lib/services.ts, live mode, REDIS_URL from the environment), asks
 * for the terms queries given as JSON in argv[2], and prints one JSON line of outcomes.
 * Run with `tsx --conditions=react-server`.
 */
import { ApiError } from '@/lib/api/errors';
import type { TermsQuery } from '@/lib/authy/schemas';
import { reportingService } from '@/lib/services';

type Outcome = { ok: true; cache: string } | { ok: false; code: string; retryAfterSeconds?: number };

const queries = JSON.parse(process.argv[2] ?? '[]') as TermsQuery[];
const service = reportingService();
const outcomes = await Promise.all(
  queries.map((q) =>
    service.terms(q).then(
      (result): Outcome => ({ ok: true, cache: result.meta.cache }),
      (error: unknown): Outcome => {
        if (error instanceof ApiError)
          return { ok: false, code: error.code, retryAfterSeconds: error.retryAfterSeconds };
        throw error;
      },
    ),
  ),
);
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
process.exit(0);
