'use client';

import { useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import type { EventsParams } from '@/lib/queries/events';
import type { Budget } from '@/lib/queries/meta';
import type { ExportEstimate } from './export-plan';
import { ExportCost } from './export-cost';
import { useExportAll } from './use-export-all';

type ExportAllDialogProps = {
  params: Omit<EventsParams, 'page' | 'perPage'>;
  estimate: ExportEstimate;
  budget: Budget | null;
};

/**
 * The button and its modal dialog: the cost first, then progress with a cancel, then the
 * result. A native <dialog> gives focus trapping, Escape and inertness of the page for free.
 */
export function ExportAllDialog({ params, estimate, budget }: ExportAllDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { state, start, cancel, downloadPartial, reset } = useExportAll(params);
  const running = state.phase === 'running';
  const maxPages = Math.max(estimate.maxCalls, state.pages);

  function open() {
    reset();
    dialog.current?.showModal();
  }

  function close() {
    cancel();
    dialog.current?.close();
  }

  return (
    <>
      <Button onClick={open}>Export all matching events</Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        // Escape or the close button while running cancels the run as well as the dialog.
        onClose={cancel}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-gray-200 bg-white p-0 text-gray-900 shadow-xl backdrop:bg-black/40 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-100"
      >
        <div className="flex flex-col gap-3 p-4">
          <h2 id={titleId} className="text-base font-semibold">
            Export all matching events
          </h2>

          {state.phase === 'confirm' && <ExportCost estimate={estimate} budget={budget} />}

          {state.phase !== 'confirm' && (
            <div className="flex flex-col gap-2">
              <div
                role="progressbar"
                aria-label="Export progress"
                aria-valuemin={0}
                aria-valuemax={maxPages}
                aria-valuenow={state.pages}
                aria-valuetext={`${state.events} events fetched, ${state.pages} pages done`}
                className="h-2 w-full overflow-hidden rounded-full bg-gray-200 dark:bg-gray-800"
              >
                <div
                  className="h-full bg-brand-600 transition-[width]"
                  style={{ width: `${state.phase === 'done' ? 100 : Math.round((state.pages / maxPages) * 100)}%` }}
                />
              </div>
              <p className="text-sm" aria-live="polite">
                {formatCount(state.events)} events fetched, {state.pages} {state.pages === 1 ? 'page' : 'pages'} done
                {running && '…'}
              </p>
              {state.budget && (
                <p className="text-xs text-gray-600 dark:text-gray-400">
                  Budget left: {state.budget.minute.remaining} calls this minute, {state.budget.hour.remaining} this
                  hour.
                </p>
              )}
              {state.phase === 'done' && (
                <p role="status" className="text-sm font-medium">
                  Done: the CSV of {formatCount(state.events)} events is downloading.
                </p>
              )}
              {state.phase === 'stopped' && (
                <p role="alert" className="text-sm">
                  {state.reason}{' '}
                  {state.events > 0
                    ? `The ${formatCount(state.events)} events fetched so far can still be downloaded.`
                    : ''}
                </p>
              )}
            </div>
          )}

          <div className="flex flex-wrap justify-end gap-2">
            {state.phase === 'confirm' && (
              <>
                <Button onClick={close}>Cancel</Button>
                <Button variant="primary" onClick={() => void start()}>
                  Start export
                </Button>
              </>
            )}
            {running && (
              <Button variant="danger" onClick={cancel}>
                Cancel export
              </Button>
            )}
            {state.phase === 'stopped' && state.events > 0 && (
              <Button variant="primary" onClick={downloadPartial}>
                Download {formatCount(state.events)} events
              </Button>
            )}
            {!running && state.phase !== 'confirm' && <Button onClick={close}>Close</Button>}
          </div>
        </div>
      </dialog>
    </>
  );
}
