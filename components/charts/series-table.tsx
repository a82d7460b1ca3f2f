import Link from 'next/link';
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import type { Interval } from '@/lib/authy/interval';
import { formatBucket, formatCount } from '@/lib/format';
import type { SeriesRow } from '@/lib/queries/histogram-series';
import type { ChartSeries } from './time-series-chart';

/** The table alternative of a time-series chart; counts link to the events behind them. */
export function SeriesTable({
  rows,
  series,
  interval,
  utc,
  caption,
  hrefFor,
}: {
  rows: readonly SeriesRow[];
  series: readonly ChartSeries[];
  interval: Interval;
  utc: boolean;
  caption: string;
  hrefFor?: (bucketStart: number, seriesKey: string) => string;
}) {
  return (
    <div className="max-h-96 overflow-y-auto">
      <Table caption={caption}>
        <THead>
          <Tr>
            <Th>Bucket start</Th>
            {series.map((s) => (
              <Th key={s.key} numeric>
                {s.label}
              </Th>
            ))}
          </Tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <Tr key={row.t}>
              <Td className="whitespace-nowrap">{formatBucket(row.t, interval, utc)}</Td>
              {series.map((s) => (
                <Td key={s.key} numeric>
                  {hrefFor && row[s.key] > 0 ? (
                    <Link
                      href={hrefFor(row.t, s.key)}
                      prefetch={false}
                      className="underline decoration-dotted underline-offset-2"
                    >
                      {formatCount(row[s.key])}
                    </Link>
                  ) : (
                    formatCount(row[s.key] ?? 0)
                  )}
                </Td>
              ))}
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
