import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import { formatCount } from '@/lib/format';

export type UserChangeTableRow = {
  month: string;
  label: string;
  inProgress: boolean;
  added: number;
  removed: number;
  net: number;
};

const signed = (n: number) => (n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '0');

/** Users added and removed per month, and the net change. */
export function UserChangeTable({ rows }: { rows: readonly UserChangeTableRow[] }) {
  const total = rows.reduce((t, r) => ({ added: t.added + r.added, removed: t.removed + r.removed }), {
    added: 0,
    removed: 0,
  });
  return (
    <Table caption="Users added (user_added) and removed (user_account_deleted) per month, UTC">
      <THead>
        <Tr>
          <Th>Month</Th>
          <Th numeric>Added</Th>
          <Th numeric>Removed</Th>
          <Th numeric>Net change</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.month}>
            <Td className="whitespace-nowrap">
              {row.label}
              {row.inProgress && <span className="ml-1 text-xs text-gray-600 dark:text-gray-400">(in progress)</span>}
            </Td>
            <Td numeric>{formatCount(row.added)}</Td>
            <Td numeric>{formatCount(row.removed)}</Td>
            <Td numeric>{signed(row.net)}</Td>
          </Tr>
        ))}
      </TBody>
      <tfoot className="border-t border-gray-200 font-medium dark:border-gray-700">
        <Tr>
          <Td>Total</Td>
          <Td numeric>{formatCount(total.added)}</Td>
          <Td numeric>{formatCount(total.removed)}</Td>
          <Td numeric>{signed(total.added - total.removed)}</Td>
        </Tr>
      </tfoot>
    </Table>
  );
}
