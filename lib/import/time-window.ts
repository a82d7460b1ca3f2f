/**
 * `time` conditions as the dashboard's window [from, to). The API's times have millisecond
 * precision, so `gt`/`lte` move a bound by one millisecond and the window holds exactly the
 * events the conditions select. A missing end is "now" (the moment of the import); a missing
 * start is 90 days before the end, as far back as the API keeps events.
 */
import type { Condition } from '@/lib/authy/bracket-codec';
import { parseIsoTime } from '@/lib/authy/attributes';
import type { TimeSpec } from '@/lib/queries/time-spec';
import type { ImportProblem } from './types';

const MINUTE = 60_000;
const API_RETENTION_MS = 90 * 24 * 60 * MINUTE;

type WindowReading = {
  /** Null when there was no `time` condition. */
  time: TimeSpec | null;
  /** How the conditions became the window, in words. */
  described: string | null;
  problems: ImportProblem[];
};

const iso = (ms: number) => new Date(ms).toISOString();

export function readTimeWindow(conditions: readonly Condition[], root: string, now: number): WindowReading {
  const problems: ImportProblem[] = [];
  let from: number | null = null;
  let to: number | null = null;
  const said: string[] = [];
  for (const c of conditions) {
    const at = parseIsoTime(c.value);
    const key = `${root}[time][${c.operator}]`;
    if (at === null || c.operator === 'lk') {
      problems.push({
        subject: key,
        message: `${key}=${c.value} is not a time bound the dashboard can show as a window.`,
      });
      continue;
    }
    const start = c.operator === 'gte' || c.operator === 'eq' ? at : c.operator === 'gt' ? at + 1 : null;
    const end = c.operator === 'lt' ? at : c.operator === 'lte' || c.operator === 'eq' ? at + 1 : null;
    if (start !== null) from = from === null ? start : Math.max(from, start);
    if (end !== null) to = to === null ? end : Math.min(to, end);
    said.push(`${key}=${c.value}`);
  }
  if (said.length === 0) return { time: null, described: null, problems };

  const openEnd = to === null;
  const end = to ?? Math.ceil(now / MINUTE) * MINUTE;
  const start = from ?? end - API_RETENTION_MS;
  if (start >= end) {
    problems.push({ subject: `${root}[time]`, message: `The time conditions select nothing: ${said.join(' and ')}.` });
    return { time: null, described: null, problems };
  }
  const detail = [
    from === null ? 'no start given: 90 days before the end, as far back as the API keeps events' : null,
    openEnd ? 'no end given: up to the time of the import' : null,
  ].filter(Boolean);
  return {
    time: { kind: 'absolute', from: iso(start), to: iso(end) },
    described: `${iso(start)} to ${iso(end)} (end excluded), from ${said.join(' and ')}${detail.length ? `; ${detail.join('; ')}` : ''}`,
    problems,
  };
}
