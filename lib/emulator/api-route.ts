/**
 * Runs one API call once it is known to be allowed: parses the parameters with the shared
 * schemas (unknown parameters ignored, as upstream) and dispatches to the endpoint.
 */
import type { z } from 'zod';
import {
  eventsQuerySchema,
  firstParamIssue,
  histogramQuerySchema,
  termsQuerySchema,
  type Endpoint,
} from '../authy/schemas';
import { invalidParameter, invalidRequest, type ApiError } from './errors';
import { runEvents } from './events';
import { runHistogram } from './histogram';
import type { Table } from './table';
import { runTerms } from './terms';

const schemas = {
  events: eventsQuerySchema({ ignoreUnknown: true }),
  date_histogram: histogramQuerySchema({ ignoreUnknown: true }),
  terms: termsQuerySchema({ ignoreUnknown: true }),
};

export type ApiOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; error: ApiError };

function rejected(error: z.ZodError): ApiOutcome {
  const issue = firstParamIssue(error);
  return {
    ok: false,
    error: issue.missing ? invalidRequest(issue.message) : invalidParameter(issue.field, issue.message),
  };
}

export function runApiCall(endpoint: Endpoint, params: URLSearchParams, table: () => Table): ApiOutcome {
  const entries = [...params];
  switch (endpoint) {
    case 'events': {
      const parsed = schemas.events.safeParse(entries);
      return parsed.success ? { ok: true, body: runEvents(table(), parsed.data) } : rejected(parsed.error);
    }
    case 'date_histogram': {
      const parsed = schemas.date_histogram.safeParse(entries);
      return parsed.success ? { ok: true, body: runHistogram(table(), parsed.data) } : rejected(parsed.error);
    }
    case 'terms': {
      const parsed = schemas.terms.safeParse(entries);
      return parsed.success ? { ok: true, body: runTerms(table(), parsed.data) } : rejected(parsed.error);
    }
  }
}
