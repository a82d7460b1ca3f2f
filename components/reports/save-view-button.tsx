'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useSessionUser } from '@/components/auth/session-user';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { ApiError } from '@/lib/api/errors';
import { hasRole } from '@/lib/auth/roles';
import { reportKeys, saveReport } from '@/lib/queries/reports';
import type { ReportView } from '@/lib/saved-reports';

/** Saves the view in the address bar (path and query, relative ranges stay relative) for the team. */
export function SaveViewButton() {
  const user = useSessionUser();
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<ReportView | null>(null);
  const [pending, setPending] = useState(false);
  if (!user || !hasRole(user.role, 'member')) return null;

  function open() {
    setError(null);
    setSaved(null);
    dialog.current?.showModal();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    try {
      const description = String(form.get('description') ?? '').trim();
      const report = await saveReport({
        name: String(form.get('name') ?? ''),
        ...(description && { description }),
        path: `${window.location.pathname}${window.location.search}`,
      });
      setSaved(report);
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', 'Could not save the view.'));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button type="button" onClick={open}>
        Save view
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="save-view-title"
        className="m-auto w-full max-w-md rounded-lg border bg-white p-5 text-gray-900 backdrop:bg-black/40 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100"
      >
        <h2 id="save-view-title" className="mb-3 text-lg font-semibold">
          Save this view for the team
        </h2>
        {saved ? (
          <div className="flex flex-col gap-3 text-sm">
            <p role="status">
              Saved as <strong>{saved.name}</strong>. Its link:{' '}
              <a className="underline" href={`/r/${saved.id}`}>{`/r/${saved.id}`}</a>
            </p>
            <div className="flex justify-end">
              <Button type="button" onClick={() => dialog.current?.close()}>
                Close
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="flex flex-col gap-3">
            <TextInput
              label="Report name"
              name="name"
              required
              maxLength={120}
              error={error?.field === 'name' ? error.message : null}
            />
            <TextInput label="Description (optional)" name="description" maxLength={1000} />
            {error && error.field !== 'name' && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
                Cancel
              </Button>
              <Button type="submit" variant="primary" disabled={pending}>
                {pending ? 'Saving…' : 'Save'}
              </Button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
