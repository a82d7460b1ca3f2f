/**
 * Links into the events page for what a chart shows: the same window and the clicked thing as
 * filter conditions. The events page reads `range`, `from`, `to`, `utc` and `f`.
 */
import type { Condition } from '@/lib/authy/bracket-codec';
import { nextBucketStart, type Interval } from '@/lib/authy/interval';
import type { TimeWindow } from '@/lib/ranges';
import { serializeConditions } from '@/lib/view-params';
import { timeSpecSearch, type TimeSpec } from './time-spec';

export function eventsHref({
  time,
  conditions,
  utc,
}: {
  time: TimeSpec;
  conditions: readonly Condition[];
  utc: boolean;
}): string {
  const search = new URLSearchParams(timeSpecSearch(time));
  if (conditions.length > 0) search.set('f', serializeConditions(conditions));
  if (utc) search.set('utc', 'true');
  // `~` and `,` are safe in a query string; left unescaped, `f=event~eq~token_invalid` stays readable.
  return `/events?${search.toString().replace(/%7E/g, '~').replace(/%2C/g, ',')}`;
}

/**
 * The events of one bucket: its own absolute window, cut to the window the chart shows, so the
 * open last bucket links to the events up to now (not into the future) and a first bucket cut
 * by the window links to what it counted.
 */
export function bucketSpec(bucketStart: number, interval: Interval, within?: TimeWindow): TimeSpec {
  const from = Math.max(bucketStart, within?.from ?? -Infinity);
  const to = Math.min(nextBucketStart(bucketStart, interval), within?.to ?? Infinity);
  return { kind: 'absolute', from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
