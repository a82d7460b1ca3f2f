/**
 * What the reporting routes accept: the upstream's own bracket syntax (so a query pasted from
 * the Authy docs works), plus the dashboard's extras, which are taken off before the rest is
 * parsed with the shared lib/authy schema. `range` is a preset resolved on the server; it may
 * not be combined with explicit time conditions. The histogram route answers the whole series,
 * or, given `page`/`per_page` as the docs send them, that page of it as the API would;
 * `compare=previous` makes it answer the same span of time just before the window too.
 * `X-Accept-Cost` carries the upstream calls a person accepted.
 */
import 'server-only';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import type { Condition } from '../authy/bracket-codec';
import {
  eventsQuerySchema,
  firstParamIssue,
  histogramQuerySchema,
  termsQuerySchema,
  type EventsQuery,
  type TermsQuery,
} from '../authy/schemas';
import { RANGE_PRESETS, type RangePreset } from '../ranges';
import type { SessionUser } from '../auth/roles';
import type { Asker } from './limiter';
import type { Priority } from './priorities';
import type { HistogramRequestQuery, ReportingRequest } from './service';

// Lives here, not in lib/ranges.ts, so the browser (which imports ranges) never ships zod.
const rangePresetSchema = z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(', ')}` });

type Entry = [string, string];
type Input<Q> = { query: Q; range?: RangePreset; compare?: 'previous' };

const entriesSchema = z.array(z.tuple([z.string(), z.string()]));

/** Takes `range` off, then parses the rest with `upstream`. */
function withExtras<Q>(
  upstream: z.ZodType<Q, Entry[]>,
  options: { timeConditions: (query: Q) => Condition[]; timeRoot: string; compares?: boolean },
) {
  return entriesSchema.transform((entries, ctx): Input<Q> => {
    const rest: Entry[] = [];
    const ranges: string[] = [];
    const compares: string[] = [];
    for (const [key, value] of entries) {
      if (key === 'range') ranges.push(value);
      else if (key === 'compare' && options.compares) compares.push(value);
      else rest.push([key, value]);
    }
    if (compares.length > 1 || (compares.length === 1 && compares[0] !== 'previous')) {
      ctx.addIssue({ code: 'custom', message: 'compare must be given once, as previous', path: ['compare'] });
      return z.NEVER;
    }
    if (ranges.length > 1) {
      ctx.addIssue({ code: 'custom', message: 'range is given more than once', path: ['range'] });
      return z.NEVER;
    }
    const range = ranges.length === 1 ? rangePresetSchema.safeParse(ranges[0]) : undefined;
    if (range && !range.success) {
      ctx.addIssue({ code: 'custom', message: range.error.issues[0].message, path: ['range'] });
      return z.NEVER;
    }
    const parsed = upstream.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    if (range && options.timeConditions(parsed.data).length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `range cannot be combined with ${options.timeRoot}[time][...] conditions: use one or the other`,
        path: ['range'],
      });
      return z.NEVER;
    }
    return {
      query: parsed.data,
      ...(range && { range: range.data }),
      ...(compares.length === 1 && { compare: 'previous' as const }),
    };
  });
}

const isTime = (conditions: Condition[]) => conditions.filter((c) => c.attribute === 'time');

export const eventsInputSchema = withExtras<EventsQuery>(eventsQuerySchema(), {
  timeConditions: (q) => isTime(q.query),
  timeRoot: 'query',
});

/** Paging only when asked for: without `page` and `per_page` the answer is the whole series. */
const histogramInput = entriesSchema.transform((entries, ctx): HistogramRequestQuery => {
  const parsed = histogramQuerySchema().safeParse(entries);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  const { reports, scope, interval, page, per_page } = parsed.data;
  const paged = entries.some(([key]) => key === 'page' || key === 'per_page');
  return paged ? { reports, scope, interval, paging: { page, per_page } } : { reports, scope, interval };
});

export const histogramInputSchema = withExtras<HistogramRequestQuery>(histogramInput, {
  timeConditions: (q) => isTime(q.scope),
  timeRoot: 'scope',
  compares: true,
});

export const termsInputSchema = withExtras<TermsQuery>(termsQuerySchema(), {
  timeConditions: (q) => isTime(q.scope),
  timeRoot: 'scope',
});

/** A failed parse as the 400 the routes answer, naming the parameter. */
export function badRequest(error: z.ZodError): ApiError {
  const issue = firstParamIssue(error);
  return new ApiError('bad_request', issue.message, { field: issue.field });
}

const acceptCostSchema = z.coerce
  .number({ error: 'X-Accept-Cost must be a whole number of upstream calls' })
  .int({ error: 'X-Accept-Cost must be a whole number of upstream calls' })
  .min(0, { error: 'X-Accept-Cost must be a whole number of upstream calls' })
  .max(1_000_000, { error: 'X-Accept-Cost must be a whole number of upstream calls' });

/** The upstream calls the person accepted (`X-Accept-Cost`), or undefined when they accepted none. */
export function acceptedCostOf(headers: Headers): number | undefined {
  const raw = headers.get('x-accept-cost');
  if (raw === null || raw.trim() === '') return undefined;
  const parsed = acceptCostSchema.safeParse(raw.trim());
  if (!parsed.success) throw new ApiError('bad_request', parsed.error.issues[0].message, { field: 'X-Accept-Cost' });
  return parsed.data;
}

/** The request as the service takes it, from a route's path and query string (400 naming the parameter). */
export function reportingRequest(
  endpoint: ReportingRequest['endpoint'],
  entries: [string, string][],
  options: Partial<Asker> & { acceptedCost?: number } = {},
): ReportingRequest {
  if (endpoint === 'events') {
    const input = eventsInputSchema.safeParse(entries);
    if (!input.success) throw badRequest(input.error);
    return { endpoint, query: input.data.query, options: { ...options, range: input.data.range } };
  }
  if (endpoint === 'terms') {
    const input = termsInputSchema.safeParse(entries);
    if (!input.success) throw badRequest(input.error);
    return { endpoint, query: input.data.query, options: { ...options, range: input.data.range } };
  }
  const input = histogramInputSchema.safeParse(entries);
  if (!input.success) throw badRequest(input.error);
  return {
    endpoint,
    query: input.data.query,
    options: { ...options, range: input.data.range, compare: input.data.compare },
  };
}

/**
 * Who asks, for the limiter: the signed-in user, at `personClass` (by default a person waiting),
 * or at `background` when the page marks the request as an auto-refresh (`X-Priority: background`).
 */
export function askerOf(headers: Headers, user: SessionUser, personClass: Priority = 'interactive'): Asker {
  const background = headers.get('x-priority')?.trim().toLowerCase() === 'background';
  return { priority: background ? 'background' : personClass, user: user.id };
}
