/** The shapes an import passes around: what was read, what it means, and what did not fit. */
import type { Condition, Report } from '@/lib/authy/bracket-codec';
import type { IntervalParam } from '@/lib/authy/interval';
import type { Endpoint } from '@/lib/authy/schemas';
import type { PerPage } from '@/lib/queries/page-sizes';
import type { TimeSpec } from '@/lib/queries/time-spec';

/** Something that does not fit, named by the parameter (or piece of the command) it is about. */
export type ImportProblem = { subject: string; message: string };

/** One line of "what it understood", e.g. `Condition` / `event equals token_invalid`. */
export type Understood = { label: string; value: string };

export type ImportPage = '/events' | '/histogram' | '/terms';

export const PAGE_OF_ENDPOINT: Record<Endpoint, ImportPage> = {
  events: '/events',
  date_histogram: '/histogram',
  terms: '/terms',
};

export const PAGE_NAMES: Record<ImportPage, string> = {
  '/events': 'Events',
  '/histogram': 'Histogram',
  '/terms': 'Terms',
};

/**
 * A page's view in its own terms. Fields the request did not set are left out, so a caller can
 * fill them with the API's defaults (an import) or keep the page's own (a page URL).
 */
export type ImportedView =
  | {
      page: '/events';
      conditions: Condition[];
      time?: TimeSpec;
      pageNumber?: number;
      perPage?: PerPage;
    }
  | { page: '/histogram'; series: Report[]; scope: Condition[]; time?: TimeSpec; interval?: IntervalParam }
  | { page: '/terms'; scope: Condition[]; time?: TimeSpec; field?: string; size?: number };

/** What a request means for the page that answers it. */
export type Translation = {
  endpoint: Endpoint;
  understood: Understood[];
  notes: string[];
  problems: ImportProblem[];
  /** The view, even when some of the request did not fit (then `problems` says what). */
  view: ImportedView;
};
