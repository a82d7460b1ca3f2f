/**
 * UTC calendar months as 'YYYY-MM', and the window of events each one counts. A month is over
 * once its end is further back than the settle margin (late events have arrived); until then
 * it is live and counted up to `asOf`, "now" snapped down to the hour minus that margin, so
 * that every request within the hour asks the same (cacheable) questions. Client-safe.
 */

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HOUR = 3_600_000;

export type MonthWindow = {
  month: string;
  from: number;
  to: number;
  /** False while the month is still being written to. */
  over: boolean;
};

export function monthStart(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`month must look like 2026-10, got "${month}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

export function monthOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** `month` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const d = new Date(monthStart(month));
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1));
}

/** Every month from `from` to `to`, inclusive, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function monthWindow(month: string, now: number, settleMarginMs: number): MonthWindow {
  const from = monthStart(month);
  const end = monthStart(addMonths(month, 1));
  if (end <= now - settleMarginMs) return { month, from, to: end, over: true };
  const asOf = Math.floor((now - settleMarginMs) / HOUR) * HOUR;
  return { month, from, to: Math.max(from, Math.min(end, asOf)), over: false };
}
