'use client';

import Link from 'next/link';
import type { Term } from '@/lib/authy/responses';
import { formatCount, formatShare } from '@/lib/format';
import { MiddleTruncated } from './middle-truncated';
import { useDismissible } from './use-dismissible';

export type TermsBarsProps = {
  terms: readonly Term[];
  /**
   * Every event the question matches (not only those in the listed terms): each bar's share is
   * of this. 'loading' until it is counted, 'unavailable' when it could not be.
   */
  total: TermsTotal;
  /** Accessible name of the figure, e.g. "Devices chart". */
  label: string;
  color?: string;
  /** Readable name for a key (e.g. a country code); the key itself by default. */
  keyLabel?: (key: string) => string;
  /** Where a bar leads: the events behind it. Without it the bars are not links. */
  hrefFor?: (key: string) => string;
};

export type TermsTotal = number | 'loading' | 'unavailable';

const ROW = 'group relative grid items-center gap-3 px-1 text-xs';
const ROW_HEIGHT = 28;
const CAPTION_HEIGHT = 24;

/** The bars' height for a number of terms: placeholders shown while data loads take exactly this. */
export function termsBarsHeight(terms: number): number {
  return terms * ROW_HEIGHT + CAPTION_HEIGHT;
}

function shareOf(count: number, total: TermsTotal): string {
  if (total === 'loading') return '…';
  return total === 'unavailable' ? '—' : formatShare(count, total);
}

const CAPTIONS = {
  loading: 'Shares: counting all matching events…',
  unavailable: 'Shares could not be worked out: the count of all matching events failed.',
};

/**
 * Horizontal bars, largest first, drawn in HTML rather than with a chart library: a top-N
 * list needs no scales or axes, each bar is a real link (keyboard, middle-click, copy link),
 * and nothing waits on chart code before the page can be used. Each row shows the count and
 * its share of all matching events; a long label keeps its start and its end, with the whole
 * text on hover and focus.
 */
export function TermsBars({ terms, total, label, color = '#2563eb', keyLabel = (k) => k, hrefFor }: TermsBarsProps) {
  const dismissal = useDismissible();
  const max = Math.max(1, ...terms.map((t) => t.count));
  const counts = terms.map((t) => formatCount(t.count));
  const shares = terms.map((t) => shareOf(t.count, total));
  // One column layout for every row: labels as wide as the longest, up to 11rem or 40% of the
  // row if that is more (long keys show whole where there is room), counts and shares as wide
  // as theirs.
  const labelChars = Math.max(4, ...terms.map((t) => keyLabel(t.key).length));
  const countChars = Math.max(1, ...counts.map((c) => c.length));
  const shareChars = Math.max(4, ...shares.map((s) => s.length));
  const columns = {
    gridTemplateColumns: `minmax(4rem, min(${labelChars + 1}ch, max(11rem, 40%))) minmax(0, 1fr) ${countChars}ch ${shareChars}ch`,
  };
  return (
    <figure aria-label={label} className="m-0">
      <ol className="m-0 list-none p-0">
        {terms.map((term, i) => {
          const name = keyLabel(term.key);
          const row = (
            <>
              <MiddleTruncated text={name} />
              <span aria-hidden="true" className="h-4 rounded-r bg-gray-100 dark:bg-gray-800">
                <span
                  data-bar
                  className="block h-full rounded-r"
                  style={{ width: `${(term.count / max) * 100}%`, background: color }}
                />
              </span>
              <span className="text-right text-gray-700 tabular-nums dark:text-gray-300">{counts[i]}</span>
              <span className="text-right text-gray-600 tabular-nums dark:text-gray-400">{shares[i]}</span>
            </>
          );
          const described = `${name}: ${counts[i]} events${typeof total === 'number' ? `, ${shares[i]} of all matching` : ''}`;
          return (
            <li key={term.key} style={{ height: ROW_HEIGHT }}>
              {hrefFor ? (
                <Link
                  href={hrefFor(term.key)}
                  prefetch={false}
                  aria-label={described}
                  className={`${ROW} h-full rounded hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-gray-800/50 [&:hover>span:first-child]:underline`}
                  style={columns}
                  {...dismissal(term.key)}
                >
                  {row}
                </Link>
              ) : (
                <div
                  className={`${ROW} h-full`}
                  style={columns}
                  aria-label={described}
                  role="group"
                  {...dismissal(term.key)}
                >
                  {row}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <figcaption
        className="flex items-end text-xs text-gray-600 dark:text-gray-400"
        style={{ height: CAPTION_HEIGHT }}
      >
        {typeof total === 'number'
          ? `Shares are of all ${formatCount(total)} matching events, not only of those listed.`
          : CAPTIONS[total]}
      </figcaption>
    </figure>
  );
}
