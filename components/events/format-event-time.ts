/**
 * An event's time to the second: events are looked at one by one (which try came first?), so
 * lib/format's minute-precision `formatDateTime` is too coarse here.
 */
import { format } from 'date-fns';

export function formatEventTime(iso: string, utc: boolean): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const date = new Date(ms);
  // date-fns formats local fields; shifting by the zone offset makes them read as UTC.
  const shown = utc ? new Date(ms + date.getTimezoneOffset() * 60_000) : date;
  return format(shown, 'd MMM yyyy, HH:mm:ss') + (utc ? ' UTC' : '');
}
