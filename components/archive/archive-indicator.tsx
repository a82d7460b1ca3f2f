'use client';

import { useQuery } from '@tanstack/react-query';
import { useQueryState } from 'nuqs';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { viewerTimeZone } from '@/lib/format';
import { archiveQueryOptions } from '@/lib/queries/archive';
import { rangeParsers } from '@/lib/view-params';
import { ArchivePanel } from './archive-panel';
import { indicatorLabel } from './archive-words';

// The same room before and after the status loads, as the budget badge keeps (a wider button
// would wrap the header on a narrow screen and push the page down).
const ROOM = 'min-w-28 text-xs sm:min-w-40';

/**
 * Beside the budget badge: how much of the application's history is local and how far the
 * live edge is behind, as a button that opens the archive's panel (Escape closes it and focus
 * comes back here). Polled, faster while the panel is open.
 */
export function ArchiveIndicator() {
  const [open, setOpen] = useState(false);
  const { data: status, isError } = useQuery(archiveQueryOptions(open));
  // Times as the page behind shows them: in UTC when its toggle says so.
  const [utc] = useQueryState('utc', rangeParsers.utc);
  const label = status
    ? indicatorLabel(status)
    : { name: isError ? 'Archive status unavailable' : 'Archive …', short: isError ? 'Archive ?' : 'Archive …' };
  return (
    <>
      <Button size="sm" className={ROOM} disabled={!status} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span aria-hidden="true" className="sm:hidden">
          {label.short}
        </span>
        <span className="sr-only sm:not-sr-only">{label.name}</span>
      </Button>
      {status && (
        <Dialog
          open={open}
          onClose={() => setOpen(false)}
          title="Data archive"
          description={`The dashboard’s own copy of the application’s events. Times in ${utc ? 'UTC' : viewerTimeZone()}.`}
          wide
        >
          {/* The panel scrolls on its own between the title and Close, and opens at its top. */}
          <div
            role="region"
            aria-label="Archive status"
            tabIndex={0}
            className="-mx-1 max-h-[calc(100dvh-13rem)] overflow-y-auto px-1"
          >
            <div className="flex flex-col gap-3">
              <ArchivePanel status={status} utc={utc} />
            </div>
          </div>
          <DialogActions>
            <Button variant="primary" onClick={() => setOpen(false)}>
              Close
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
