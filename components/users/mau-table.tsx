import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import { formatCount } from '@/lib/format';
import type { MauMonth } from '@/lib/mau/types';
import { mauKind, mauValue } from './mau-bars';

export type MauTableRow = {
  month: string;
  label: string;
  inProgress: boolean;
  mau: MauMonth | null;
  accuracy: string;
  /** "archive" when the archive counted the month: said in text beside the accuracy, not by colour. */
  source: string | null;
  explanation: string;
};

const PREFIX = { exact: '', estimate: '~', lowerBound: '≥ ', none: '', unknown: '' } as const;

function shownValue(m: MauMonth | null): string {
  if (!m) return '—';
  const kind = mauKind(m);
  const value = mauValue(m, kind);
  return value === null ? '—' : `${PREFIX[kind]}${formatCount(value)}`;
}

const TONE: Record<string, BadgeTone> = {
  Exact: 'success',
  'Exact so far': 'success',
  Estimate: 'warning',
  'At least': 'warning',
  'Partly known': 'warning',
};

/** Monthly active users with what each number is and how sure it is, in words. */
export function MauTable({
  rows,
  hrefFor,
  selected,
}: {
  rows: readonly MauTableRow[];
  hrefFor?: (month: string) => string;
  selected?: string | null;
}) {
  return (
    <Table caption="Monthly active users: distinct users with at least one event in the month (UTC)">
      <THead>
        <Tr>
          <Th>Month</Th>
          <Th numeric>Active users</Th>
          <Th>Accuracy</Th>
          <Th numeric>95% range</Th>
          <Th numeric>Calls</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => {
          const m = row.mau;
          return (
            <Tr key={row.month} aria-current={row.month === selected ? 'true' : undefined}>
              <Td className="whitespace-nowrap">
                {hrefFor ? (
                  <Link
                    href={hrefFor(row.month)}
                    scroll={false}
                    className="underline decoration-dotted underline-offset-2"
                  >
                    {row.label}
                  </Link>
                ) : (
                  row.label
                )}
                {row.inProgress && <span className="ml-1 text-xs text-gray-600 dark:text-gray-400">(in progress)</span>}
              </Td>
              <Td numeric>{shownValue(m)}</Td>
              <Td>
                <Badge tone={TONE[row.accuracy] ?? 'neutral'}>{row.accuracy}</Badge>
                {row.source && <Badge className="ml-1">{row.source}</Badge>}
                <p className="mt-1 max-w-md min-w-48 text-xs text-gray-600 dark:text-gray-400">{row.explanation}</p>
              </Td>
              <Td numeric className="whitespace-nowrap">
                {m && mauKind(m) === 'estimate' && m.estimateLow !== null && m.estimateHigh !== null
                  ? `${formatCount(m.estimateLow)}–${formatCount(m.estimateHigh)}`
                  : '—'}
              </Td>
              <Td numeric>{m ? formatCount(m.upstreamCalls) : '—'}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
