'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { DialogActions } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { importQuery } from '@/lib/import/import-query';
import { PAGE_NAMES, type ImportPage } from '@/lib/import/types';
import { viewHref } from './view-href';

const EXAMPLE = 'https://api.authy.com/protected/json/reporting/events?query[event][eq]=token_invalid';

/**
 * The paste box and, as it is typed, what the request means: each condition, the window, the
 * interval or field, what was set aside and why, and what does not fit. The view opens only
 * when everything fits; a request for another page opens there.
 */
export function ImportForm({
  page,
  onCancel,
  onOpen,
}: {
  page: ImportPage;
  onCancel: () => void;
  onOpen: (href: string) => void;
}) {
  const [paste, setPaste] = useState({ text: '', at: 0 });
  const problemsId = useId();
  const result = useMemo(
    () => (paste.text.trim() === '' ? null : importQuery(paste.text, page, paste.at)),
    [paste, page],
  );
  const view = result?.view ?? null;
  const ready = view !== null && result?.problems.length === 0;
  const elsewhere = view !== null && view.page !== page;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready) onOpen(viewHref(view));
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <Field
        label="Request"
        hint={
          <>
            A curl command or URL from the Authy docs, or its query string alone, e.g. <code>{EXAMPLE}</code>
          </>
        }
      >
        {(wiring) => (
          <textarea
            {...wiring}
            aria-describedby={[wiring['aria-describedby'], result?.problems.length ? problemsId : null]
              .filter(Boolean)
              .join(' ')}
            aria-invalid={result?.problems.length ? true : undefined}
            value={paste.text}
            onChange={(e) => setPaste({ text: e.target.value, at: Date.now() })}
            rows={5}
            // The dialog opens for this box; its code loads after the dialog is shown.
            autoFocus
            spellCheck={false}
            autoComplete="off"
            className="min-h-24 w-full rounded-md border border-gray-400 bg-white p-2 font-mono text-xs text-gray-900 dark:border-gray-600 dark:bg-gray-950 dark:text-gray-100"
          />
        )}
      </Field>

      <div aria-live="polite" className="flex max-h-[45dvh] flex-col gap-3 overflow-y-auto text-sm">
        {result && result.understood.length > 0 && (
          <section aria-label="What it understood">
            <h3 className="mb-1 text-sm font-semibold">What it understood</h3>
            <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-3 gap-y-1">
              {result.understood.map((row, i) => (
                <div key={i} className="contents">
                  <dt className="text-gray-700 dark:text-gray-300">{row.label}</dt>
                  <dd className="m-0 font-mono text-xs [overflow-wrap:anywhere]">{row.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        {elsewhere && (
          <p>
            This is a <code>{result?.endpoint}</code> request: the {PAGE_NAMES[view.page]} page answers it.
          </p>
        )}
        {result && result.notes.length > 0 && (
          <section aria-label="Set aside">
            <h3 className="mb-1 text-sm font-semibold">Set aside</h3>
            <ul className="list-disc pl-5 text-gray-700 dark:text-gray-300">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </section>
        )}
        {result && result.problems.length > 0 && (
          <section aria-label="Does not fit">
            <h3 className="mb-1 text-sm font-semibold text-red-700 dark:text-red-400">Does not fit</h3>
            <ul id={problemsId} className="list-disc pl-5 text-red-700 dark:text-red-400">
              {result.problems.map((problem, i) => (
                <li key={i}>
                  <code>{problem.subject}</code>: {problem.message}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>

      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={!ready}>
          {elsewhere ? `Open on the ${PAGE_NAMES[view.page]} page` : 'Open this view'}
        </Button>
      </DialogActions>
    </form>
  );
}
