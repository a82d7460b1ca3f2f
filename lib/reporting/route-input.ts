/**
 * What the reporting routes accept: the upstream's own bracket syntax (so a query pasted from
 * the Authy docs works), plus the dashboard's extras, which are taken off before the rest is
 * parsed with the shared lib/authy schema. `range` is a preset resolved on the server; it may
 * not be combined with explicit time conditions. The histogram route answers the whole series,
 * or, given `page`/`per_page` as the docs send them, that page of it as the API would.
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
import type { HistogramSeriesQuery, SeriesPaging } from './service';
import type { Priority } from './types';

// Lives here, not in lib/ranges.ts, so the browser (which imports ranges) never ships zod.
const rangePresetSchema = z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(', ')}` });

type Entry = [string, string];
type Input<Q> = { query: Q; range?: RangePreset };

/** A histogram as a route asks for it: the whole series, or one page of it. */
type HistogramInput = HistogramSeriesQuery & { paging?: SeriesPaging };

const entriesSchema = z.array(z.tuple([z.string(), z.string()]));

/** Takes `range` off, then parses the rest with `upstream`. */
function withExtras<Q>(
  upstream: z.ZodType<Q, Entry[]>,
  options: { timeConditions: (query: Q) => Condition[]; timeRoot: string },
) {
  return entriesSchema.transform((entries, ctx): Input<Q> => {
    const rest: Entry[] = [];
    const ranges: string[] = [];
    for (const [key, value] of entries) {
      if (key === 'range') ranges.push(value);
      else rest.push([key, value]);
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
    return range ? { query: parsed.data, range: range.data } : { query: parsed.data };
  });
}

const isTime = (conditions: Condition[]) => conditions.filter((c) => c.attribute === 'time');

export const eventsInputSchema = withExtras<EventsQuery>(eventsQuerySchema(), {
  timeConditions: (q) => isTime(q.query),
  timeRoot: 'query',
});

/** Paging only when asked for: without `page` and `per_page` the answer is the whole series. */
const histogramInput = entriesSchema.transform((entries, ctx): HistogramInput => {
  const parsed = histogramQuerySchema().safeParse(entries);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  const { reports, scope, interval, page, per_page } = parsed.data;
  const paged = entries.some(([key]) => key === 'page' || key === 'per_page');
  return paged ? { reports, scope, interval, paging: { page, per_page } } : { reports, scope, interval };
});

export const histogramInputSchema = withExtras<HistogramInput>(histogramInput, {
  timeConditions: (q) => isTime(q.scope),
  timeRoot: 'scope',
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

/** `X-Priority: background` marks an auto-refresh; anything else is a person waiting. */
export function priorityOf(headers: Headers): Priority {
  return headers.get('x-priority')?.trim().toLowerCase() === 'background' ? 'background' : 'interactive';
}
