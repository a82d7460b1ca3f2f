import Link from 'next/link';
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import type { Term } from '@/lib/authy/responses';
import { formatCount, formatPercent } from '@/lib/format';

/** Terms with their counts and share of the listed total; keys link to the events behind them. */
export function TermsTable({
  terms,
  caption,
  keyHeader = 'Value',
  keyLabel = (k) => k,
  hrefFor,
}: {
  terms: readonly Term[];
  caption: string;
  keyHeader?: string;
  keyLabel?: (key: string) => string;
  hrefFor?: (key: string) => string;
}) {
  const total = terms.reduce((sum, t) => sum + t.count, 0);
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>{keyHeader}</Th>
          <Th numeric>Count</Th>
          <Th numeric>Share</Th>
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
            <Td numeric>{formatPercent(total > 0 ? term.count / total : null)}</Td>
          </Tr>
        ))}
      </TBody>
      <tfoot className="border-t border-gray-200 font-medium dark:border-gray-700">
        <Tr>
          <Td>Total shown</Td>
          <Td numeric>{formatCount(total)}</Td>
          <Td numeric>{formatPercent(total > 0 ? 1 : null)}</Td>
        </Tr>
      </tfoot>
    </Table>
  );
}
