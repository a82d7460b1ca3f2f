'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { resolveTimeSpec } from '@/lib/queries/time-spec';
import type { TimeWindow } from '@/lib/ranges';
import { useRangeParams } from './use-range-params';

/** The current page URL with the window frozen into `from`/`to` (and `range` dropped). */
export function absoluteLink(href: string, window: TimeWindow): string {
  const url = new URL(href);
  url.searchParams.delete('range');
  url.searchParams.delete('refresh');
  url.searchParams.set('from', new Date(window.from).toISOString());
  url.searchParams.set('to', new Date(window.to).toISOString());
  return url.toString();
}

/**
 * For incident reports: copies a link that shows exactly this window forever. `window` is the
 * one the data was computed for when known, so the link matches what is on screen.
 */
export function CopyAbsoluteLinkButton({ window: shown }: { window?: TimeWindow }) {
  const { spec } = useRangeParams();
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    const link = absoluteLink(window.location.href, shown ?? resolveTimeSpec(spec, Date.now()));
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied');
    } catch {
      // No clipboard permission: show the link so it can be copied by hand.
      setCopied(link);
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Button onClick={copy} onBlur={() => setCopied(null)}>
        Copy link with absolute time
      </Button>
      <span role="status" className="max-w-xs text-xs break-all text-gray-600 dark:text-gray-400">
        {copied}
      </span>
    </div>
  );
}
