/**
 * The count of all the events a scope matches, which a terms answer cannot give (it lists only
 * its top values, and only events that have the field): a histogram series every event is in.
 * Pure, so the server's page plans (page-requests.ts) build the same requests as the pages.
 */
import type { Report } from '@/lib/authy/bracket-codec';
import type { Bucket, Term } from '@/lib/authy/responses';
import { LIMITS } from '@/lib/authy/vocabulary';
import type { TimeWindow } from '@/lib/ranges';

/** A series every event is in (none is older than the epoch); it rides along in histograms already asked. */
export const ALL_EVENTS_REPORT: Report = {
  name: 'all_events',
  conditions: [{ attribute: 'time', operator: 'gte', value: '1970-01-01T00:00:00.000Z' }],
};

/** The all-events count of a histogram answer, over its buckets starting in [from, to) when given. */
export function allEventsCount(reports: Readonly<Record<string, readonly Bucket[]>>, window?: TimeWindow): number {
  let total = 0;
  for (const bucket of reports[ALL_EVENTS_REPORT.name] ?? []) {
    if (!window || (bucket.timestamp >= window.from && bucket.timestamp < window.to)) total += bucket.count;
  }
  return total;
}

/**
 * The count of all events from their terms by name: the lines add up to every event, since each
 * has a name; null when the answer is cut at the upstream's largest size and may miss some.
 */
export function allEventsCountOfNames(terms: readonly Term[]): number | null {
  if (terms.length >= LIMITS.size.max) return null;
  return terms.reduce((total, term) => total + term.count, 0);
}
