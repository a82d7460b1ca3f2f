/**
 * The archive's status in words, for the header's indicator and its panel. Pure, so the words
 * can be tested without a browser.
 */
import { formatCount, formatShare } from '@/lib/format';
import type { ArchiveStatus } from '@/lib/queries/archive';

type Mode = ArchiveStatus['mode'];
type Span = { from: string; to: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${formatCount(n)} ${unit}${n === 1 ? '' : 's'}`;

const spanMs = (intervals: readonly Span[]) =>
  intervals.reduce((sum, i) => sum + Math.max(0, Date.parse(i.to) - Date.parse(i.from)), 0);

/** How much time the intervals hold together, to the largest whole unit: "94 days", "5 hours", "12 minutes". */
export function spanWords(intervals: readonly Span[]): string {
  const ms = spanMs(intervals);
  if (ms >= DAY) return plural(Math.floor(ms / DAY), 'day');
  if (ms >= HOUR) return plural(Math.floor(ms / HOUR), 'hour');
  return ms >= MINUTE ? plural(Math.floor(ms / MINUTE), 'minute') : 'under a minute';
}

/** The same, for a narrow header: "94 d", "5 h", "12 min", "<1 min". */
function shortSpan(intervals: readonly Span[]): string {
  const ms = spanMs(intervals);
  if (ms >= DAY) return `${formatCount(Math.floor(ms / DAY))} d`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)} h`;
  return ms >= MINUTE ? `${Math.floor(ms / MINUTE)} min` : '<1 min';
}

/** A lag, short: "40 s", "12 min", "5 h", "3 days". */
export function lagWords(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return plural(Math.round(seconds / 86_400), 'day');
}

/**
 * The indicator's name ("Archive off", "Archive: 94 days local, 40 s behind") and what a narrow
 * screen shows of it ("Archive 94 d · 40 s"), so the header keeps to two lines on a phone.
 */
export function indicatorLabel(status: ArchiveStatus): { name: string; short: string } {
  if (status.mode === 'off') return { name: 'Archive off', short: 'Archive off' };
  const held = status.coverage.length > 0;
  const local = held ? `${spanWords(status.coverage)} local` : 'nothing local yet';
  const short = `Archive ${held ? shortSpan(status.coverage) : 'empty'}`;
  if (status.mode === 'rollups') return { name: `Archive: ${local}, counts only`, short: `${short} · counts` };
  if (status.lagSeconds === null) return { name: `Archive: ${local}`, short };
  const lag = lagWords(status.lagSeconds);
  return { name: `Archive: ${local}, ${lag} behind`, short: `${short} · ${lag}` };
}

const MODES: Record<Mode, { name: string; says: string }> = {
  full: {
    name: 'Full copy',
    says: 'Every event is copied as it happens and kept here: any question inside what is local is answered from the copy, at no upstream call.',
  },
  partial: {
    name: 'Partial copy',
    says: 'The events of the most recent days are copied and kept; older periods keep counts only (per hour, top countries and devices), because copying everything would not fit the archive’s share of the budget.',
  },
  rollups: {
    name: 'Counts only',
    says: 'Copying every event would not fit the archive’s share of the budget: the archive keeps counts per hour and the top countries and devices of each day instead of the events.',
  },
  off: {
    name: 'Off',
    says: 'The archive is switched off (ARCHIVE=off): every question goes to the API, which keeps only its last 90 days.',
  },
};

export function modeWords(mode: Mode): { name: string; says: string } {
  return MODES[mode];
}

/** "12,000 of 47,264 events copied (25.4%)", or that nothing is planned. */
export function backfillWords(backfill: ArchiveStatus['backfill']): string {
  if (backfill.total === 0) return 'Nothing to copy from the past yet.';
  if (backfill.done >= backfill.total) return `Done: ${plural(backfill.total, 'event')} copied.`;
  return `${formatCount(backfill.done)} of ${plural(backfill.total, 'event')} copied (${formatShare(backfill.done, backfill.total)}).`;
}

export function retentionWords(days: number): string {
  return days === 0 ? 'Events are kept for good.' : `Events older than ${plural(days, 'day')} are deleted daily.`;
}

const CALL_CLASSES = [
  ['live', 'Live edge'],
  ['verification', 'Verification'],
  ['backfill', 'Backfill'],
] as const;

/** The sync's calls of the last 60 minutes, by class, in reading order. */
export function callRows(calls: ArchiveStatus['callsThisHour']): { label: string; calls: number }[] {
  return [
    ...CALL_CLASSES.map(([key, label]) => ({ label, calls: calls[key] })),
    { label: 'Total', calls: calls.total },
  ];
}
