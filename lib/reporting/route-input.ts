/**
 * What the reporting routes accept: the upstream's own bracket syntax (so a query pasted from
 * the Authy docs works), plus the dashboard's extras, which are taken off before the rest is
 * parsed with the shared lib/authy schema. `range` is a preset resolved on the server; it may
 * not be combined with explicit time conditions. The histogram route always answers the whole
 * series, so it takes no paging.
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
import type { HistogramSeriesQuery } from './service';

// Lives here, not in lib/ranges.ts, so the browser (which imports ranges) never ships zod.
const rangePresetSchema = z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(', ')}` });

type Entry = [string, string];
type Input<Q> = { query: Q; range?: RangePreset };

const entriesSchema = z.array(z.tuple([z.string(), z.string()]));

/** Takes `range` (and any refused parameter) off, then parses the rest with `upstream`. */
function withExtras<Q>(
  upstream: z.ZodType<Q, Entry[]>,
  options: { timeConditions: (query: Q) => Condition[]; timeRoot: string; refuse?: Record<string, string> },
) {
  return entriesSchema.transform((entries, ctx): Input<Q> => {
    const rest: Entry[] = [];
    const ranges: string[] = [];
    for (const [key, value] of entries) {
      const refusal = options.refuse && Object.hasOwn(options.refuse, key) ? options.refuse[key] : undefined;
      if (refusal) {
        ctx.addIssue({ code: 'custom', message: refusal, path: [key] });
        return z.NEVER;
      }
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
const WHOLE_SERIES = 'date_histogram answers the whole series; page and per_page are not taken';

export const eventsInputSchema = withExtras<EventsQuery>(eventsQuerySchema(), {
  timeConditions: (q) => isTime(q.query),
  timeRoot: 'query',
});

export const histogramInputSchema = withExtras<HistogramSeriesQuery>(
  histogramQuerySchema().transform(({ reports, scope, interval }) => ({ reports, scope, interval })),
  { timeConditions: (q) => isTime(q.scope), timeRoot: 'scope', refuse: { page: WHOLE_SERIES, per_page: WHOLE_SERIES } },
);

export const termsInputSchema = withExtras<TermsQuery>(termsQuerySchema(), {
  timeConditions: (q) => isTime(q.scope),
  timeRoot: 'scope',
});

/** A failed parse as the 400 the routes answer, naming the parameter. */
export function badRequest(error: z.ZodError): ApiError {
  const issue = firstParamIssue(error);
  return new ApiError('bad_request', issue.message, { field: issue.field });
}

/**
 * Who asks, for the limiter: the signed-in user, at `personClass` (by default a person waiting),
 * or at `background` when the page marks the request as an auto-refresh (`X-Priority: background`).
 */
export function askerOf(headers: Headers, user: SessionUser, personClass: Priority = 'interactive'): Asker {
  const background = headers.get('x-priority')?.trim().toLowerCase() === 'background';
  return { priority: background ? 'background' : personClass, user: user.id };
}
