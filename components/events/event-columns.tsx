'use client';

import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import type { AuthyEvent } from '@/lib/authy/responses';
import { eventCountry, eventDevice, eventStatus, eventUser } from './event-fields';
import { formatEventTime } from './format-event-time';

/** Core features only: the API pages, filters and sorts; the table just lays out columns. */
export const eventTableFeatures = tableFeatures({});
const helper = createColumnHelper<typeof eventTableFeatures, AuthyEvent>();

function Missing() {
  return (
    <span className="text-gray-400 dark:text-gray-500" aria-label="none">
      —
    </span>
  );
}

function text(value: string | undefined) {
  return value ?? <Missing />;
}

/** The table's columns; the time column follows the UTC toggle. */
export function eventColumns(utc: boolean) {
  return helper.columns([
    helper.accessor('time', {
      header: utc ? 'Time (UTC)' : 'Time',
      cell: (info) => (
        <time dateTime={info.getValue()} className="whitespace-nowrap tabular-nums">
          {formatEventTime(info.getValue(), utc)}
        </time>
      ),
    }),
    helper.accessor('event', {
      header: 'Event',
      cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span>,
    }),
    helper.accessor((event) => eventUser(event), { id: 'user', header: 'User', cell: (info) => text(info.getValue()) }),
    helper.accessor((event) => eventDevice(event), {
      id: 'device',
      header: 'Device',
      cell: (info) => text(info.getValue()),
    }),
    helper.accessor((event) => eventCountry(event), {
      id: 'country',
      header: 'Country',
      cell: (info) => {
        const code = info.getValue();
        // Authy stores the calling code ("1", "44"), not an ISO country.
        return code ? `+${code}` : <Missing />;
      },
    }),
    helper.accessor((event) => eventStatus(event), {
      id: 'status',
      header: 'Status',
      cell: (info) => text(info.getValue()),
    }),
  ]);
}
