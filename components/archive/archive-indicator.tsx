'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { viewerTimeZone } from '@/lib/format';
import { archiveQueryOptions } from '@/lib/queries/archive';
import { ArchivePanel } from './archive-panel';
import { indicatorLabel } from './archive-words';

// The same room before and after the status loads, as the budget badge keeps (a wider button
// would wrap the header on a narrow screen and push the page down).
const ROOM = 'min-w-40 text-xs';

/**
 * Beside the budget badge: how much of the application's history is local and how far the
 * live edge is behind, as a button that opens the archive's panel (Escape closes it and focus
 * comes back here). Polled, faster while the panel is open.
 */
export function ArchiveIndicator() {
  const [open, setOpen] = useState(false);
  const { data: status, isError } = useQuery(archiveQueryOptions(open));
  const label = status ? indicatorLabel(status) : isError ? 'Archive status unavailable' : 'Archive …';
  return (
    <>
      <Button size="sm" className={ROOM} disabled={!status} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {status && (
        <Dialog
          open={open}
          onClose={() => setOpen(false)}
          title="Data archive"
          description={`The dashboard’s own copy of the application’s events. Times in ${viewerTimeZone()}.`}
          wide
        >
          <ArchivePanel status={status} />
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
