'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { deleteReport, renameReport, reportKeys } from '@/lib/queries/reports';
import type { ReportView } from '@/lib/saved-reports';

/** Rename and delete, for the report's owner or an admin. */
export function ReportActions({ report }: { report: ReportView }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportKeys.all });
  const rename = useMutation({ mutationFn: (name: string) => renameReport(report.id, name), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => deleteReport(report.id), onSettled: refresh });

  function onRename() {
    const name = window.prompt(`New name for “${report.name}”`, report.name)?.trim();
    if (name && name !== report.name) rename.mutate(name);
  }

  function onDelete() {
    if (window.confirm(`Delete the saved report “${report.name}”? This cannot be undone.`)) remove.mutate();
  }

  const error = rename.error ?? remove.error;
  return (
    <div className="flex items-center justify-end gap-2">
      <Button type="button" size="sm" variant="ghost" onClick={onRename} aria-label={`Rename ${report.name}`}>
        Rename
      </Button>
      <Button type="button" size="sm" variant="ghost" onClick={onDelete} aria-label={`Delete ${report.name}`}>
        Delete
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error.message}
        </span>
      )}
    </div>
  );
}
