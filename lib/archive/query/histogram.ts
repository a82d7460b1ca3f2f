/**
 * The date histogram, as the API answers it: the bucket list is every bucket holding at least
 * one event that matches the scope, shared by every report (zero counts included; buckets
 * where the scope matched nothing are left out); each report counts the events matching the
 * scope and its own conditions. `page`/`per_page` slice the bucket list, page 1 the oldest.
 * Reports are listed by name in code-unit order.
 */
import { sql, type Kysely } from 'kysely';
import { bucketStart, parseInterval, type Interval } from '../../authy/interval';
import type { HistogramResponse } from '../../authy/responses';
import type { HistogramQuery } from '../../authy/schemas';
import type { Database } from '../../db/schema';
import { grouping } from './buckets';
import { allConditions } from './conditions';
import type { DialectSql } from './dialect-sql';
import { histogramResponse, type BucketRow } from './histogram-response';
import { countable, countsSource, eventsSource, grainsFor } from './sources';

export async function histogram(
  db: Kysely<Database>,
  d: DialectSql,
  appId: string,
  q: HistogramQuery,
): Promise<HistogramResponse> {
  const interval = parseInterval(q.interval);
  if (!interval) throw new Error(`"${q.interval}" is not a histogram interval`);
  const every = [...q.scope, ...q.reports.flatMap((r) => r.conditions)];
  const grains = grainsFor(interval);
  const source =
    grains.length > 0 && countable(every) ? countsSource(appId, q.scope, every, grains) : eventsSource(appId);
  const { key, merge } = grouping(interval);
  const offset = (q.page - 1) * q.per_page;

  const reportCounts = q.reports.map((report, r) =>
    sql<number>`coalesce(sum(${source.weight}) FILTER (WHERE ${allConditions(d, report.conditions, source.row)}), 0)`.as(
      `r${r}`,
    ),
  );
  let query = db
    .selectFrom(source.from.as('source'))
    .select([key(source.row.time).as('bucket'), ...reportCounts])
    .where(source.where)
    .where(allConditions(d, q.scope, source.row))
    .groupBy(sql`bucket`)
    .having(sql`sum(${source.weight})`, '>', 0)
    .orderBy(sql`bucket`);
  if (!merge) query = query.limit(q.per_page).offset(offset);
  const rows = (await query.execute()) as Record<string, unknown>[];

  const grouped: BucketRow[] = rows.map((row) => ({
    start: Number(row.bucket),
    counts: q.reports.map((_, r) => Number(row[`r${r}`])),
  }));
  const page = merge ? mergeInto(grouped, merge).slice(offset, offset + q.per_page) : grouped;

  return histogramResponse(q, page);
}

/** Days (oldest first) summed into the calendar buckets that hold them. */
function mergeInto(days: BucketRow[], interval: Interval): BucketRow[] {
  const merged: BucketRow[] = [];
  for (const day of days) {
    const start = bucketStart(day.start, interval);
    const last = merged.at(-1);
    if (last && last.start === start) last.counts = last.counts.map((n, r) => n + day.counts[r]);
    else merged.push({ start, counts: [...day.counts] });
  }
  return merged;
}
