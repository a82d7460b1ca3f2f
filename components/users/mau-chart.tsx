'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axisTick, tooltipStyle } from '@/components/charts/chart-theme';
import { formatCompact, formatCount } from '@/lib/format';
import { MAU_COLOR, type MauBar } from './mau-bars';

export type MauChartProps = {
  bars: readonly MauBar[];
  /** Accessible name of the figure. */
  label: string;
  selected?: string | null;
  onSelect?: (month: string) => void;
  height?: number;
};

const HATCH = 'mau-estimate-hatch';

/**
 * Monthly active users as bars, one per month. How far a bar can be trusted is drawn three
 * ways, never by colour alone: exact bars are solid; estimates are hatched with their 95%
 * interval as a whisker and "~" at the foot; lower bounds (months known only in part too) are
 * outlined with "≥"; months not yet counted show "…", months not known at all "?". Hovering a bar explains it in words (the table view says the same for
 * keyboards and screen readers). Presentational: typed bars in, no fetching.
 */
export function MauChart({ bars, label, selected, onSelect, height = 260 }: MauChartProps) {
  // Only estimates get a whisker: a [0, 0] one would still draw its caps on an exact bar.
  // A month not counted yet (or not known at all) gets a low dashed stub, so it reads as
  // "waiting" or "?", not as zero.
  const stub = Math.max(1, Math.max(0, ...bars.map((b) => b.height)) * 0.04);
  const data = bars.map((b) => ({
    ...b,
    whisker: b.whisker ?? undefined,
    height: b.value === null ? stub : b.height,
  }));
  return (
    <figure aria-label={label} className="m-0 text-gray-600 dark:text-gray-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 12, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <pattern id={HATCH} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={MAU_COLOR} fillOpacity={0.25} />
              <line x1="0" y1="0" x2="0" y2="6" stroke={MAU_COLOR} strokeWidth="2.5" />
            </pattern>
          </defs>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="tick"
            tick={axisTick}
            tickLine={false}
            stroke="currentColor"
            strokeOpacity={0.3}
            interval="preserveStartEnd"
            minTickGap={8}
          />
          <YAxis
            tick={axisTick}
            tickLine={false}
            axisLine={false}
            width={44}
            allowDecimals={false}
            tickFormatter={formatCompact}
          />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fillOpacity: 0.08 }}
            content={({ active, payload }) => {
              const bar = active ? (payload?.[0]?.payload as MauBar | undefined) : undefined;
              if (!bar) return null;
              return (
                <div style={tooltipStyle} className="max-w-72 px-3 py-2">
                  <p className="font-semibold">
                    {bar.label}
                    {bar.inProgress ? ' (in progress)' : ''}: {bar.value === null ? '—' : formatCount(bar.value)}
                  </p>
                  <p className="mt-1">{bar.explanation}</p>
                </div>
              );
            }}
          />
          <Bar
            dataKey="height"
            name="Active users"
            isAnimationActive={false}
            className={onSelect ? 'cursor-pointer' : undefined}
            onClick={onSelect ? (item) => onSelect(String((item.payload as MauBar).month)) : undefined}
          >
            {data.map((b) => (
              <Cell
                key={b.month}
                fill={b.kind === 'exact' ? MAU_COLOR : b.kind === 'estimate' ? `url(#${HATCH})` : 'transparent'}
                stroke={b.value === null ? 'currentColor' : MAU_COLOR}
                strokeWidth={b.month === selected ? 3 : 1.5}
                strokeDasharray={b.kind === 'lowerBound' || b.value === null ? '4 3' : undefined}
              />
            ))}
            <ErrorBar dataKey="whisker" width={6} strokeWidth={1.5} stroke="currentColor" direction="y" />
            {/* At the foot of the bar: the whisker owns the top, and an uncounted month has no height. */}
            <LabelList
              dataKey="mark"
              position="insideBottom"
              offset={6}
              fill="currentColor"
              fontSize={13}
              fontWeight={600}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
