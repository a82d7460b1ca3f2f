'use client';

import { useTable } from '@tanstack/react-table';
import { Fragment, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { AuthyEvent } from '@/lib/authy/responses';
import { eventColumns, eventTableFeatures } from './event-columns';
import { EventDetail } from './event-detail';
import { eventKey } from './event-fields';
import { formatEventTime } from './format-event-time';

type EventsTableProps = {
  events: AuthyEvent[];
  utc: boolean;
  caption: string;
  /** The rows are the previous page's, kept while the next one loads. */
  stale?: boolean;
};

/** One row per event; each expands to the event's full JSON. */
export function EventsTable({ events, utc, caption, stale }: EventsTableProps) {
  const columns = useMemo(() => eventColumns(utc), [utc]);
  const table = useTable({
    features: eventTableFeatures,
    columns,
    data: events,
    getRowId: (event, index) => eventKey(event, index),
  });
  // Which rows are open is a passing look, not part of the view: it stays out of the URL.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  function toggle(id: string) {
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const columnCount = columns.length + 1;
  return (
    <Table
      caption={caption}
      aria-busy={stale || undefined}
      className={stale ? 'opacity-60 transition-opacity' : undefined}
    >
      <THead>
        {table.getHeaderGroups().map((group) => (
          <Tr key={group.id}>
            <Th>
              <span className="sr-only">Details</span>
            </Th>
            {group.headers.map((header) => (
              <Th key={header.id}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</Th>
            ))}
          </Tr>
        ))}
      </THead>
      <TBody>
        {table.getRowModel().rows.map((row) => {
          const open = expanded.has(row.id);
          const detailId = `event-detail-${row.index}`;
          const event = row.original;
          return (
            <Fragment key={row.id}>
              <Tr className={open ? 'bg-gray-50 dark:bg-gray-950' : undefined}>
                <Td className="w-0">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-expanded={open}
                    aria-controls={open ? detailId : undefined}
                    onClick={() => toggle(row.id)}
                  >
                    <span
                      aria-hidden="true"
                      className={open ? 'rotate-90 transition-transform' : 'transition-transform'}
                    >
                      ▸
                    </span>
                    <span className="sr-only">
                      Details of {event.event} at {formatEventTime(event.time, utc)}
                    </span>
                  </Button>
                </Td>
                {row.getAllCells().map((cell) => (
                  <Td key={cell.id} className="whitespace-nowrap">
                    <table.FlexRender cell={cell} />
                  </Td>
                ))}
              </Tr>
              {open && (
                <Tr>
                  <Td colSpan={columnCount} className="p-0">
                    <EventDetail event={event} id={detailId} />
                  </Td>
                </Tr>
              )}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
