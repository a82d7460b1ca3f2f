import Link from 'next/link';
import type { Term } from '@/lib/authy/responses';
import { formatCount } from '@/lib/format';

export type TermsBarsProps = {
  terms: readonly Term[];
  /** Accessible name of the figure, e.g. "Devices chart". */
  label: string;
  color?: string;
  /** Readable name for a key (e.g. a country code); the key itself by default. */
  keyLabel?: (key: string) => string;
  /** Where a bar leads: the events behind it. Without it the bars are not links. */
  hrefFor?: (key: string) => string;
};

const ROW = 'grid items-center gap-3 px-1 text-xs';
const ROW_HEIGHT = 28;

/** The bars' height for a number of terms: placeholders shown while data loads take exactly this. */
export function termsBarsHeight(terms: number): number {
  return terms * ROW_HEIGHT;
}

/**
 * Horizontal bars, largest first, drawn in HTML rather than with a chart library: a top-N
 * list needs no scales or axes, its labels stay whole text, each bar is a real link (keyboard,
 * middle-click, copy link), and nothing waits on chart code before the page can be used.
 */
export function TermsBars({ terms, label, color = '#2563eb', keyLabel = (k) => k, hrefFor }: TermsBarsProps) {
  const max = Math.max(1, ...terms.map((t) => t.count));
  const counts = terms.map((t) => formatCount(t.count));
  // One column layout for every row, the counts' column as wide as the longest, so the tracks line up.
  const countChars = Math.max(1, ...counts.map((c) => c.length));
  const columns = { gridTemplateColumns: `minmax(4rem, 11rem) minmax(0, 1fr) ${countChars}ch` };
  return (
    <figure aria-label={label} className="m-0">
      <ol className="m-0 list-none p-0">
        {terms.map((term, i) => {
          const name = keyLabel(term.key);
          const count = counts[i];
          const row = (
            <>
              <span className="truncate text-gray-700 dark:text-gray-300" title={name}>
                {name}
              </span>
              <span aria-hidden="true" className="h-4 rounded-r bg-gray-100 dark:bg-gray-800">
                <span
                  data-bar
                  className="block h-full rounded-r"
                  style={{ width: `${(term.count / max) * 100}%`, background: color }}
                />
              </span>
              <span className="text-right tabular-nums text-gray-600 dark:text-gray-400">{count}</span>
            </>
          );
          return (
            <li key={term.key} style={{ height: ROW_HEIGHT }}>
              {hrefFor ? (
                <Link
                  href={hrefFor(term.key)}
                  prefetch={false}
                  aria-label={`${name}: ${count} events`}
                  className={`${ROW} h-full rounded hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-gray-800/50 [&:hover>span:first-child]:underline`}
                  style={columns}
                >
                  {row}
                </Link>
              ) : (
                <div className={`${ROW} h-full`} style={columns}>
                  {row}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
