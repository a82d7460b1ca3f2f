'use client';

import type { ChartSeries } from './time-series-chart';

/**
 * A legend whose entries toggle their series. Real buttons (aria-pressed), so it works from
 * the keyboard and says what is shown, unlike clickable svg legend text.
 */
export function SeriesLegend({
  series,
  hidden,
  onToggle,
}: {
  series: readonly ChartSeries[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string, visible: boolean) => void;
}) {
  return (
    <ul aria-label="Series shown" className="flex flex-wrap gap-2">
      {series.map((s) => {
        const visible = !hidden.has(s.key);
        return (
          <li key={s.key}>
            <button
              type="button"
              aria-pressed={visible}
              onClick={() => onToggle(s.key, !visible)}
              className="inline-flex items-center gap-1.5 rounded-full border border-gray-300 px-2.5 py-1 text-xs font-medium aria-[pressed=false]:opacity-60 dark:border-gray-700"
            >
              <span
                aria-hidden="true"
                className="inline-block size-2.5 rounded-full"
                style={{ background: visible ? s.color : 'transparent', border: `2px solid ${s.color}` }}
              />
              <span className="sr-only">Show </span>
              {s.label}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
