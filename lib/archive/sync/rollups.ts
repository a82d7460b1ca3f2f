/**
 * The rollup work of the backfill lane, for the periods the archive keeps no events of
 * (`partial`: older than the floor; `rollups`: everything): hourly counts per event name
 * (100 hours a call, 20 names a call) and each day's top 100 countries and device types
 * (one call a day and field). Oldest first: the API's retention takes the oldest day next.
 * At the live end, `rollups` mode waits for a whole day, so it costs a few calls a day.
 */
import 'server-only';
import { MAX_REPORTS } from '../../authy/bracket-codec';
import { ALL_EVENT_NAMES } from '../../authy/vocabulary';
import { MAX_BUCKETS } from './buckets';
import type { SyncContext } from './context';
import { ceilTo, DAY, floorTo, HOUR, subtract, type Interval } from './intervals';
import { eventNameHistogram, topTerms } from './queries';
import { ROLLUP_FIELDS, ROLLUP_KINDS } from './rollup-store';
import type { RollupKind } from './schema';
import type { SyncState } from './sync-store';

type Work = { kind: RollupKind; span: Interval };

/** The rollups due now, oldest first; none in `full` mode. */
export async function nextRollupWork(ctx: SyncContext, state: SyncState): Promise<Work | undefined> {
  if (state.mode === 'full') return undefined;
  const now = ctx.now();
  const retention = ctx.settings.retentionDays;
  const from = Math.max(
    now - ctx.settings.apiRetentionDays * DAY + HOUR,
    retention > 0 ? now - retention * DAY : -Infinity,
  );
  const growing = state.mode === 'rollups';
  const to = growing ? now - ctx.settings.settleMarginMinutes * 60_000 : state.floor_ms;
  let best: Work | undefined;
  for (const kind of ROLLUP_KINDS) {
    const unit = kind === 'hourly' ? HOUR : DAY;
    const target = { from: ceilTo(from, unit), to: floorTo(to, unit) };
    const missing = subtract(target, await ctx.rollups.spans(kind));
    // The newest part still growing waits until it is a day long.
    const due = missing.filter((m) => !growing || m.to < target.to || m.to - m.from >= DAY);
    const oldest = due[0];
    if (!oldest) continue;
    const length = kind === 'hourly' ? MAX_BUCKETS * HOUR : DAY;
    const span = { from: oldest.from, to: Math.min(oldest.to, oldest.from + length) };
    if (!best || span.from < best.span.from) best = { kind, span };
  }
  return best;
}

export async function rollupStep(ctx: SyncContext, work: Work): Promise<void> {
  const { kind, span } = work;
  if (kind !== 'hourly') {
    const answer = await ctx.call(topTerms(span.from, span.to, ROLLUP_FIELDS[kind]), 'backfill');
    await ctx.rollups.putDailyTerms(span, kind, answer.terms);
    return;
  }
  const counts: { hour: number; event: string; count: number }[] = [];
  for (let i = 0; i < ALL_EVENT_NAMES.length; i += MAX_REPORTS) {
    const names = ALL_EVENT_NAMES.slice(i, i + MAX_REPORTS);
    const answer = await ctx.call(eventNameHistogram(span.from, span.to, names), 'backfill');
    for (const [event, buckets] of Object.entries(answer.reports)) {
      for (const b of buckets) counts.push({ hour: b.timestamp, event, count: b.count });
    }
  }
  await ctx.rollups.putHourly(span, counts);
}
