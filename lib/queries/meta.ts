/**
 * What every /api/reporting response carries beside its data: where the answer came from and
 * what is left of the upstream budget.
 */
import { formatAge } from '@/lib/format';
// Types only: the shapes are defined once, by the service that produces them.
import type { Budget, ReportingMeta } from '@/lib/reporting/types';

export type { Budget } from '@/lib/reporting/types';
export type ResponseMeta = ReportingMeta;

export type WithMeta<T> = T & { meta: ResponseMeta };

export function hasMeta(value: unknown): value is { meta: ResponseMeta } {
  if (typeof value !== 'object' || value === null || !('meta' in value)) return false;
  const meta = (value as { meta: unknown }).meta;
  return typeof meta === 'object' && meta !== null && 'budget' in meta;
}

/** When the budget comes back, or null while calls are still allowed. */
export function budgetResumesAt(budget: Budget, now: number): number | null {
  const times: number[] = [];
  if (budget.backoffUntil && Date.parse(budget.backoffUntil) > now) times.push(Date.parse(budget.backoffUntil));
  if (budget.minute.remaining <= 0) times.push(Date.parse(budget.minute.resetAt));
  if (budget.hour.remaining <= 0) times.push(Date.parse(budget.hour.resetAt));
  const valid = times.filter((t) => Number.isFinite(t));
  return valid.length > 0 ? Math.max(...valid) : null;
}

/**
 * The stale mark of one answer: only a proxy answer served from a stale cache has one. The
 * archive's answers are as current as its live edge (the header says how far behind that is),
 * so a chart answered locally says nothing extra.
 */
export function staleMark(meta: ResponseMeta | undefined): string | null {
  if (!meta || meta.source === 'archive' || meta.cache !== 'stale') return null;
  return `Stale data · ${formatAge(meta.ageSeconds)} old`;
}
