/**
 * An imported view as a page URL, written by the page's own parsers (the same ones nuqs reads
 * it with), so the link is exactly a view the page understands.
 */
import { createSerializer } from 'nuqs/server';
import type { ImportedView } from '@/lib/import/types';
import type { TimeSpec } from '@/lib/queries/time-spec';
import { eventsSearchParams } from '../events/search-params';
import { histogramParsers } from '../histogram/search-params';
import { termsParsers } from '../terms/search-params';

const serialize = {
  '/events': createSerializer(eventsSearchParams),
  '/histogram': createSerializer(histogramParsers),
  '/terms': createSerializer(termsParsers),
};

/** A window given drops the preset (and its absolute pair), so the URL says one thing. */
function timeValues(time: TimeSpec | undefined) {
  if (!time) return {};
  return time.kind === 'preset'
    ? { range: time.range, from: null, to: null }
    : { range: null, from: new Date(time.from), to: new Date(time.to) };
}

/** The view's URL; `base` (a path with a query) keeps parameters the view does not set. */
export function viewHref(view: ImportedView, base: string = view.page): string {
  switch (view.page) {
    case '/events':
      return serialize['/events'](base, {
        ...timeValues(view.time),
        f: view.conditions,
        ...(view.pageNumber !== undefined && { page: view.pageNumber }),
        ...(view.perPage !== undefined && { per_page: view.perPage }),
      });
    case '/histogram':
      return serialize['/histogram'](base, {
        ...timeValues(view.time),
        f: view.scope,
        ...(view.series.length > 0 && { s: view.series }),
        ...(view.interval !== undefined && { interval: view.interval }),
      });
    case '/terms':
      return serialize['/terms'](base, {
        ...timeValues(view.time),
        f: view.scope,
        ...(view.field !== undefined && { field: view.field }),
        ...(view.size !== undefined && { size: view.size }),
      });
  }
}
