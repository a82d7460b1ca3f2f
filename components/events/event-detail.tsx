'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { AuthyEvent } from '@/lib/authy/responses';

/** The whole event as formatted JSON, with a way to copy it into a ticket. */
export function EventDetail({ event, id }: { event: AuthyEvent; id: string }) {
  const json = JSON.stringify(event, null, 2);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(json);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text and copy it by hand');
    }
  }

  return (
    // Pinned to the visible part of a table that scrolls sideways on narrow screens.
    <div
      id={id}
      className="sticky left-0 flex max-w-[calc(100vw-4.5rem)] flex-col gap-2 bg-gray-50 p-3 dark:bg-gray-950"
    >
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={copy} onBlur={() => setStatus('')}>
          Copy JSON
        </Button>
        <span role="status" className="text-xs text-gray-600 dark:text-gray-400">
          {status}
        </span>
      </div>
      <pre
        tabIndex={0}
        aria-label={`JSON of event ${event.event}`}
        className="max-h-96 overflow-auto rounded-md border border-gray-200 bg-white p-2 font-mono text-xs whitespace-pre dark:border-gray-800 dark:bg-gray-900"
      >
        {json}
      </pre>
    </div>
  );
}
