'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiError } from '@/lib/api/errors';
import type { AuthyEvent } from '@/lib/authy/responses';
import { fetchEventsPage, type EventsParams } from '@/lib/queries/events';
import type { Budget } from '@/lib/queries/meta';
import { downloadText, csvFilename } from './download';
import { eventsToCsv } from './event-fields';
import { EXPORT_PER_PAGE, isFinalExportPage } from './export-plan';
import { MAX_PAGE } from './pagination';

export type ExportPhase = 'confirm' | 'running' | 'done' | 'stopped';

export type ExportState = {
  phase: ExportPhase;
  pages: number;
  events: number;
  budget: Budget | null;
  /** Why a run stopped early: the budget, a cancel, or an error. */
  reason: string | null;
};

type Action =
  | { type: 'reset' }
  | { type: 'start' }
  | { type: 'page'; pages: number; events: number; budget: Budget }
  | { type: 'done' }
  | { type: 'stop'; reason: string };

const INITIAL: ExportState = { phase: 'confirm', pages: 0, events: 0, budget: null, reason: null };

function reducer(state: ExportState, action: Action): ExportState {
  switch (action.type) {
    case 'reset':
      return INITIAL;
    case 'start':
      return { ...INITIAL, phase: 'running' };
    case 'page':
      return { ...state, pages: action.pages, events: action.events, budget: action.budget };
    case 'done':
      return { ...state, phase: 'done' };
    case 'stop':
      return { ...state, phase: 'stopped', reason: action.reason };
  }
}

function stopReason(error: unknown): string {
  if (error instanceof ApiError && error.code === 'rate_limited') {
    const wait = error.retryAfterSeconds
      ? ` It comes back in about ${Math.ceil(error.retryAfterSeconds)} seconds.`
      : '';
    return `The API budget is spent (30 calls a minute, 300 an hour), so the export stopped.${wait}`;
  }
  return `The export stopped: ${error instanceof Error ? error.message : 'unknown error'}`;
}

/**
 * "Export all matching events": pages of 100, one after another (never in parallel: each is an
 * upstream call from a shared budget), until a short page or page 100. A 429 or a cancel stops
 * the run and keeps what was fetched.
 */
export function useExportAll(params: Omit<EventsParams, 'page' | 'perPage'>) {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const controller = useRef<AbortController | null>(null);
  const fetched = useRef<AuthyEvent[]>([]);

  // Leaving the page must not leave a loop spending the budget in the background.
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    fetched.current = [];
    dispatch({ type: 'start' });
    for (let page = 1; page <= MAX_PAGE; page++) {
      let events: AuthyEvent[];
      try {
        const response = await fetchEventsPage({ ...params, page, perPage: EXPORT_PER_PAGE }, abort.signal);
        events = response.events;
        fetched.current = [...fetched.current, ...events];
        dispatch({ type: 'page', pages: page, events: fetched.current.length, budget: response.meta.budget });
      } catch (error) {
        if (abort.signal.aborted) return;
        controller.current = null;
        dispatch({ type: 'stop', reason: stopReason(error) });
        return;
      }
      if (abort.signal.aborted) return;
      if (isFinalExportPage(page, events.length)) {
        controller.current = null;
        downloadText(csvFilename('all'), eventsToCsv(fetched.current));
        dispatch({ type: 'done' });
        return;
      }
    }
  }, [params]);

  const cancel = useCallback(() => {
    // Only a run in progress has a controller; closing a finished dialog is not a cancel.
    if (!controller.current) return;
    controller.current.abort();
    controller.current = null;
    dispatch({ type: 'stop', reason: 'Export canceled.' });
  }, []);

  const downloadPartial = useCallback(() => {
    downloadText(csvFilename('partial'), eventsToCsv(fetched.current));
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    fetched.current = [];
    dispatch({ type: 'reset' });
  }, []);

  return { state, start, cancel, downloadPartial, reset };
}
