/**
 * What `GET /api/mau` accepts: `months=N` (the last N months up to the current one), or
 * `from`/`to` as `YYYY-MM` (either may be left out: `to` defaults to the current month, `from`
 * to twelve months before `to`), and `calls`, the most upstream calls this request may spend
 * (at most the server's per-request budget; 0 reads what is counted without spending). The
 * first issue's path names the offending parameter. Client-safe: "now" is passed in, so the
 * page and the route read the same contract.
 */
import { z } from 'zod';
import { addMonths, MONTH_PATTERN, monthOf, monthsBetween } from './months';

export const MAX_MONTHS = 36;
export const DEFAULT_MONTHS = 12;
const KNOWN = new Set(['months', 'from', 'to', 'calls']);
const MAX_CALLS = 10_000;

const entriesSchema = z.array(z.tuple([z.string(), z.string()]));

export function mauInputSchema(now: number) {
  const current = monthOf(now);
  return entriesSchema.transform((entries, ctx): { months: string[]; calls?: number } => {
    const fail = (field: string, message: string) => {
      ctx.addIssue({ code: 'custom', message, path: [field] });
      return z.NEVER;
    };
    const params = new Map<string, string>();
    for (const [key, value] of entries) {
      if (!KNOWN.has(key)) return fail(key, `unknown parameter ${key} (use months, or from and to)`);
      if (params.has(key)) return fail(key, `${key} is given more than once`);
      params.set(key, value);
    }
    const rawCalls = params.get('calls');
    if (rawCalls !== undefined && (!/^\d{1,5}$/.test(rawCalls) || Number(rawCalls) > MAX_CALLS)) {
      return fail('calls', `calls must be a whole number from 0 to ${MAX_CALLS}`);
    }
    const calls = rawCalls === undefined ? {} : { calls: Number(rawCalls) };
    const count = params.get('months');
    const from = params.get('from');
    const to = params.get('to');
    if (count !== undefined && (from !== undefined || to !== undefined)) {
      return fail('months', 'use months, or from and to, not both');
    }
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value !== undefined && !MONTH_PATTERN.test(value))
        return fail(name, `${name} must be a month such as 2026-10`);
    }
    if (count !== undefined) {
      if (!/^\d{1,3}$/.test(count)) return fail('months', 'months must be a whole number');
      const n = Number(count);
      if (n < 1 || n > MAX_MONTHS) return fail('months', `months must be between 1 and ${MAX_MONTHS}`);
      return { months: monthsBetween(addMonths(current, -(n - 1)), current), ...calls };
    }
    const last = to ?? current;
    const first = from ?? addMonths(last, -(DEFAULT_MONTHS - 1));
    if (last > current) return fail('to', `to cannot be after the current month (${current})`);
    if (first > last) return fail('from', 'from must not be after to');
    const months = monthsBetween(first, last);
    if (months.length > MAX_MONTHS) return fail('from', `at most ${MAX_MONTHS} months at once`);
    return { months, ...calls };
  });
}

/** The parameter a failed parse is about, for the 400's `field`. */
export function issueField(error: z.ZodError): string {
  return String(error.issues[0]?.path[0] ?? 'months');
}
