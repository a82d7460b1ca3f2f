/**
 * Runs one API call once it is known to be allowed: parses the parameters with the shared
 * schemas (unknown parameters ignored, as upstream; a known one that does not parse is a
 * 60004 naming it) and dispatches to the endpoint with what is visible at that moment.
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
import type { Visibility } from './visibility';

/** The data and what of it the API shows, taken when a call runs (the clock moves). */
export type Snapshot = { table: Table; visible: Visibility };

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

/** `snapshot` is called only once the parameters are valid: a rejected call generates nothing. */
export function runApiCall(endpoint: Endpoint, params: URLSearchParams, snapshot: () => Snapshot): ApiOutcome {
  const entries = [...params];
  switch (endpoint) {
    case 'events': {
      const parsed = schemas.events.safeParse(entries);
      if (!parsed.success) return rejected(parsed.error);
      const { table, visible } = snapshot();
      return { ok: true, body: runEvents(table, parsed.data, visible) };
    }
    case 'date_histogram': {
      const parsed = schemas.date_histogram.safeParse(entries);
      if (!parsed.success) return rejected(parsed.error);
      const { table, visible } = snapshot();
      return { ok: true, body: runHistogram(table, parsed.data, visible) };
    }
    case 'terms': {
      const parsed = schemas.terms.safeParse(entries);
      if (!parsed.success) return rejected(parsed.error);
      const { table, visible } = snapshot();
      return { ok: true, body: runTerms(table, parsed.data, visible) };
    }
  }
}
