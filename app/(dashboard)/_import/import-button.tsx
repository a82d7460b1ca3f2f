'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ImportPage } from '@/lib/import/types';

// The reader and its validators load when the dialog first opens, not with the page.
const ImportForm = dynamic(() => import('./import-form').then((m) => m.ImportForm), {
  ssr: false,
  loading: () => <p className="text-sm">Loading…</p>,
});

/** "Import from the Authy API": paste a request from the docs or a colleague, open its view here. */
export function ImportButton({ page }: { page: ImportPage }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // The form is kept once loaded (a second open shows the last paste), and starts on first open.
  const [started, setStarted] = useState(false);
  return (
    <>
      <Button
        onClick={() => {
          setStarted(true);
          setOpen(true);
        }}
      >
        Import from the Authy API
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        wide
        title="Import from the Authy API"
        description="Paste a Reporting API request; this page opens the view that answers it, with the same filters and time window."
      >
        {started && (
          <ImportForm
            page={page}
            onCancel={() => setOpen(false)}
            onOpen={(href) => {
              setOpen(false);
              router.push(href);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
