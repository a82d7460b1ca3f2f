/**
 * One zod schema per endpoint for its query, and one per response. The browser builds URLs
 * with the encoders here and the server validates them with the schemas here, so a shared URL
 * and the request it makes cannot drift apart. Each schema takes the URL's entries
 * (`[...searchParams]`) and names the offending parameter in its first issue's path.
 */
import { z } from 'zod';
import { isAttributePath } from './attributes';
import { decodeEntries } from './bracket-codec';
import {
  encodeUpstreamQuery,
  type EventsQuery,
  type HistogramQuery,
  type TermsQuery,
  type UpstreamQuery,
} from './encode';

export type { EventsQuery, HistogramQuery, TermsQuery, UpstreamQuery } from './encode';
export { encodeHistogramQuery, encodeUpstreamQuery } from './encode';
import { isInterval } from './interval';
import { DEFAULT_INTERVAL, LIMITS, OPERATORS } from './vocabulary';

export const ENDPOINTS = ['events', 'date_histogram', 'terms'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const ENDPOINT_PARAMS: Record<Endpoint, ReadonlySet<string>> = {
  events: new Set(['query', 'page', 'per_page']),
  date_histogram: new Set(['report', 'scope', 'interval', 'page', 'per_page']),
  terms: new Set(['field', 'size', 'scope']),
};

function wholeNumber(name: string, limits: { min: number; max: number; default: number }) {
  return z
    .string()
    .regex(/^\d{1,9}$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(limits.min, { error: `${name} must be at least ${limits.min}` })
        .max(limits.max, { error: `${name} must be at most ${limits.max}` }),
    )
    .optional()
    .transform((value) => value ?? limits.default);
}

const page = wholeNumber('page', LIMITS.page);
const perPage = wholeNumber('per_page', LIMITS.perPage);
const size = wholeNumber('size', LIMITS.size);

const interval = z
  .string()
  .refine(isInterval, {
    error: 'interval must be year, quarter, month, week, day, hour, minute or a length such as 1.5h, 30m, 2d, 1w',
  })
  .optional()
  .transform((value) => value ?? DEFAULT_INTERVAL);

const field = z
  .string({ error: 'field is required' })
  .refine(isAttributePath, { error: 'field must be an attribute path such as objects.device.s_device_type' });

/** The plain parameters, one schema each, for a reader that takes them one at a time (a pasted query). */
export const PARAM_SCHEMAS = { page, per_page: perPage, size, interval, field } as const;
export type ScalarParam = keyof typeof PARAM_SCHEMAS;

const conditionSchema = z.object({
  attribute: z.string(),
  operator: z.enum(OPERATORS),
  value: z.string(),
});

const reportSchema = z.object({ name: z.string(), conditions: z.array(conditionSchema) });

/** Every key the decoder produces; each endpoint narrows `scalars` (and `reports`). */
const decodedShape = {
  query: z.array(conditionSchema),
  scope: z.array(conditionSchema),
  reports: z.array(reportSchema),
};

const entriesSchema = z.array(z.tuple([z.string(), z.string()]));

/** Decodes the bracket keys of `endpoint`, reporting malformed ones at their own key. */
function decoded(endpoint: Endpoint, options: { ignoreUnknown?: boolean }) {
  return entriesSchema.transform((entries, ctx) => {
    const { decoded, issues } = decodeEntries(entries, ENDPOINT_PARAMS[endpoint], options);
    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field] });
    if (issues.length > 0) return z.NEVER;
    return decoded;
  });
}

export function eventsQuerySchema(options: { ignoreUnknown?: boolean } = {}) {
  return decoded('events', options).pipe(
    z
      .object({
        ...decodedShape,
        scalars: z.object({ page, per_page: perPage }),
      })
      .transform(({ query, scalars }): EventsQuery => ({ query, ...scalars })),
  );
}

export function histogramQuerySchema(options: { ignoreUnknown?: boolean } = {}) {
  return decoded('date_histogram', options).pipe(
    z
      .object({
        ...decodedShape,
        reports: decodedShape.reports.min(1, { error: 'at least one report[name][attribute][operator] is required' }),
        scalars: z.object({ interval, page, per_page: perPage }),
      })
      .transform(({ reports, scope, scalars }): HistogramQuery => ({ reports, scope, ...scalars })),
  );
}

export function termsQuerySchema(options: { ignoreUnknown?: boolean } = {}) {
  return decoded('terms', options).pipe(
    z
      .object({
        ...decodedShape,
        scalars: z.object({ field, size }),
      })
      .transform(({ scope, scalars }): TermsQuery => ({ scope, ...scalars })),
  );
}

export type ParamIssue = { field: string; message: string; missing: boolean };

const FIELD_OF_PATH: Record<string, string> = Object.assign(Object.create(null), { reports: 'report', scalars: '' }); // no prototype: a parameter may be named toString

/** The first issue of a failed parse, as the parameter it is about and a readable message. */
export function firstParamIssue(error: z.ZodError): ParamIssue {
  const issue = error.issues[0];
  const path = issue.path.map(String).filter((segment) => FIELD_OF_PATH[segment] !== '');
  const field = FIELD_OF_PATH[path[0] ?? ''] ?? path[0] ?? 'query';
  const missing =
    (issue.code === 'invalid_type' && /required/.test(issue.message)) ||
    (issue.code === 'too_small' && field === 'report');
  return { field, message: issue.message, missing };
}

/** The canonical form of a query: equal queries, however written, give equal keys. */
export function canonicalKey(q: UpstreamQuery): string {
  return `${q.endpoint}?${encodeUpstreamQuery(q).toString()}`;
}
