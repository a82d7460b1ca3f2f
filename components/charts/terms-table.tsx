import Link from 'next/link';
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import type { Term } from '@/lib/authy/responses';
import { formatCount, formatShare } from '@/lib/format';
import type { TermsTotal } from './terms-bars';

/**
 * Terms with their counts and share of all matching events (not only of those listed); keys
 * link to the events behind them.
 */
export function TermsTable({
  terms,
  total,
  caption,
  keyHeader = 'Value',
  keyLabel = (k) => k,
  hrefFor,
}: {
  terms: readonly Term[];
  total: TermsTotal;
  caption: string;
  keyHeader?: string;
  keyLabel?: (key: string) => string;
  hrefFor?: (key: string) => string;
}) {
  const shown = terms.reduce((sum, t) => sum + t.count, 0);
  const share = (count: number) =>
    typeof total === 'number' ? formatShare(count, total) : total === 'loading' ? '…' : '—';
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>{keyHeader}</Th>
          <Th numeric>Count</Th>
          <Th numeric>Share of all</Th>
        </Tr>
      </THead>
      <TBody>
        {terms.map((term) => (
          <Tr key={term.key}>
            <Td className="break-all">
              {hrefFor ? (
                <Link
                  href={hrefFor(term.key)}
                  prefetch={false}
                  className="underline decoration-dotted underline-offset-2"
                >
                  {keyLabel(term.key)}
                </Link>
              ) : (
                keyLabel(term.key)
              )}
            </Td>
            <Td numeric>{formatCount(term.count)}</Td>
            <Td numeric>{share(term.count)}</Td>
          </Tr>
        ))}
      </TBody>
      <tfoot className="border-t border-gray-200 font-medium dark:border-gray-700">
        <Tr>
          <Td>Listed above</Td>
          <Td numeric>{formatCount(shown)}</Td>
          <Td numeric>{share(shown)}</Td>
        </Tr>
        <Tr>
          <Td>All matching events</Td>
          <Td numeric>{typeof total === 'number' ? formatCount(total) : share(0)}</Td>
          <Td numeric>{share(typeof total === 'number' ? total : 0)}</Td>
        </Tr>
      </tfoot>
    </Table>
  );
}
