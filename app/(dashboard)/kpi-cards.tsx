import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { formatChange, formatCount, formatPercent, formatPointChange } from '@/lib/format';
import type { Kpi } from './overview-kpis';

function tone(kpi: Kpi): string {
  if (kpi.change === null || kpi.change === 0) return 'text-gray-600 dark:text-gray-400';
  const good = kpi.change > 0 === (kpi.better === 'up');
  return good ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400';
}

function KpiCard({ kpi, href, periodLabel }: { kpi: Kpi; href?: string; periodLabel: string }) {
  const value = kpi.kind === 'rate' ? formatPercent(kpi.current) : formatCount(kpi.current ?? 0);
  const change = kpi.kind === 'rate' ? formatPointChange(kpi.change) : formatChange(kpi.change);
  const previous = kpi.kind === 'rate' ? formatPercent(kpi.previous) : formatCount(kpi.previous ?? 0);
  return (
    <li className="min-w-0 rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-800 dark:bg-gray-900">
      <p className="truncate text-xs font-medium text-gray-700 dark:text-gray-300">
        {href ? (
          <Link href={href} prefetch={false} className="hover:underline">
            {kpi.label}
          </Link>
        ) : (
          kpi.label
        )}
      </p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className={cn('text-xs tabular-nums', tone(kpi))}>
        <span>{change}</span>
        <span className="sr-only">
          {' '}
          {periodLabel}, previously {previous}
        </span>
        <span aria-hidden="true" className="text-gray-600 dark:text-gray-400">
          {' '}
          vs {previous}
        </span>
      </p>
    </li>
  );
}

/** The headline numbers; each count links to its events. */
export function KpiCards({
  kpis,
  hrefFor,
  periodLabel,
}: {
  kpis: Kpi[] | null;
  hrefFor: (kpi: Kpi) => string | undefined;
  periodLabel: string;
}) {
  if (!kpis) {
    return (
      <div
        role="status"
        aria-label="Loading key figures"
        className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7"
      >
        {Array.from({ length: 7 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
    );
  }
  return (
    <ul aria-label="Key figures" className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} href={hrefFor(kpi)} periodLabel={periodLabel} />
      ))}
    </ul>
  );
}
