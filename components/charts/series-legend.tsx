'use client';

import type { ChartSeries } from './time-series-chart';

/** One legend row and the gap under it: cards reserve it so nothing moves when charts load (more series wrap). */
export const LEGEND_ROOM = 34;

/** A short line drawn as the series is: its colour and its dash pattern. */
function Swatch({ series, filled }: { series: ChartSeries; filled: boolean }) {
  return (
    <svg aria-hidden="true" width="22" height="8" className="shrink-0" style={{ opacity: filled ? 1 : 0.5 }}>
      <line
        x1="1"
        y1="4"
        x2="21"
        y2="4"
        stroke={series.color}
        strokeWidth="2.5"
        strokeDasharray={series.dash || undefined}
      />
    </svg>
  );
}

const ENTRY = 'inline-flex h-[26px] items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium';

/**
 * The names of a chart's lines, each drawn as its line is (colour and dash), so no series is
 * told by colour alone. With `onToggle` the entries are real buttons (aria-pressed) that show
 * and hide their series, from the keyboard too.
 */
export function SeriesLegend({
  series,
  hidden,
  onToggle,
  label = 'Series shown',
}: {
  series: readonly ChartSeries[];
  hidden?: ReadonlySet<string>;
  onToggle?: (key: string, visible: boolean) => void;
  label?: string;
}) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {series.map((s) => {
        const visible = !hidden?.has(s.key);
        return (
          <li key={s.key}>
            {onToggle ? (
              <button
                type="button"
                aria-pressed={visible}
                onClick={() => onToggle(s.key, !visible)}
                className={`${ENTRY} border-gray-400 text-gray-800 hover:bg-gray-100 aria-[pressed=false]:text-gray-600 aria-[pressed=false]:line-through dark:border-gray-600 dark:text-gray-200 dark:hover:bg-gray-800 dark:aria-[pressed=false]:text-gray-400`}
              >
                <Swatch series={s} filled={visible} />
                <span className="sr-only">Show </span>
                {s.label}
              </button>
            ) : (
              <span className={`${ENTRY} border-transparent px-0 text-gray-800 dark:text-gray-200`}>
                <Swatch series={s} filled />
                {s.label}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
