'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { TextInput } from '@/components/ui/field';
import { deleteReport, renameReport, reportKeys } from '@/lib/queries/reports';
import type { ReportView } from '@/lib/saved-reports';

/** Rename and delete, for the report's owner or an admin, each confirmed in its own dialog. */
export function ReportActions({ report }: { report: ReportView }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportKeys.all });
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const close = () => setDialog(null);
  const [name, setName] = useState(report.name);
  const rename = useMutation({
    mutationFn: (next: string) => renameReport(report.id, next),
    onSuccess: close,
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => deleteReport(report.id),
    onSuccess: close,
    onSettled: refresh,
  });
  const trimmed = name.trim();

  function openRename() {
    setName(report.name);
    rename.reset();
    setDialog('rename');
  }

  function openDelete() {
    remove.reset();
    setDialog('delete');
  }

  function submitRename(event: FormEvent) {
    event.preventDefault();
    if (trimmed && trimmed !== report.name) rename.mutate(trimmed);
  }

  return (
    <div className="flex items-center justify-end gap-2">
      <Button size="sm" variant="ghost" onClick={openRename} aria-label={`Rename ${report.name}`}>
        Rename
      </Button>
      <Button size="sm" variant="ghost" onClick={openDelete} aria-label={`Delete ${report.name}`}>
        Delete
      </Button>

      <Dialog open={dialog === 'rename'} onClose={close} title={`Rename “${report.name}”`}>
        <form onSubmit={submitRename} className="flex flex-col gap-3">
          <TextInput
            label="New name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
            autoFocus
            error={rename.error?.message ?? null}
          />
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={!trimmed || trimmed === report.name || rename.isPending}>
              {rename.isPending ? 'Renaming…' : 'Rename'}
            </Button>
          </DialogActions>
        </form>
      </Dialog>

      <Dialog
        open={dialog === 'delete'}
        onClose={close}
        title={`Delete “${report.name}”?`}
        description="The report and its link are removed for the whole team. This cannot be undone."
      >
        {remove.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {remove.error.message}
          </p>
        )}
        <DialogActions>
          <Button variant="secondary" onClick={close} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {remove.isPending ? 'Deleting…' : 'Delete report'}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
