'use client';

import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Interval } from '@/lib/authy/interval';
import { formatBucket, formatBucketTick, formatCompact, formatCount } from '@/lib/format';
import type { SeriesRow } from '@/lib/queries/histogram-series';
import { edgePadding, labelWidth, PlainAxisTick, timeTickInterval } from './axis-tick';
import { tooltipStyle } from './chart-theme';

/** A line: its data key, the name its legend shows, and a colour and dash pattern that tell it apart. */
export type ChartSeries = { key: string; label: string; color: string; dash: string };

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 44;

export type TimeSeriesChartProps = {
  rows: readonly SeriesRow[];
  series: readonly ChartSeries[];
  interval: Interval;
  utc: boolean;
  /** Accessible name of the figure, e.g. "Verifications over time". */
  label: string;
  height: number;
  /** The width the chart first draws at, before its container is measured (0: measure first). */
  initialWidth?: number;
  hidden?: ReadonlySet<string>;
  /** A click on a point: the bucket's start and the series clicked. */
  onPointClick?: (bucketStart: number, seriesKey: string) => void;
};

/** Lines over time, one per series; presentational (typed rows in, no fetching). */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  rows,
  series,
  interval,
  utc,
  label,
  height,
  initialWidth = 0,
  hidden,
  onPointClick,
}: TimeSeriesChartProps) {
  const [width, setWidth] = useState(initialWidth);
  const formatTick = (t: number) => formatBucketTick(t, interval, utc);
  // Labels are measured (on a canvas, no layout): the first and last points sit in from the
  // edges by half the widest, so no label is ever cut off, and the spacing fits them all.
  const widest = useMemo(
    () => Math.max(0, ...rows.map((row) => labelWidth(formatBucketTick(row.t, interval, utc)))),
    [rows, interval, utc],
  );
  const padding = edgePadding(widest, Y_AXIS_WIDTH, MARGIN.right);
  const plotWidth = width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right - padding.left - padding.right;
  return (
    <figure aria-label={label} className="m-0 text-gray-600 dark:text-gray-400" style={{ height }}>
      <ResponsiveContainer
        width="100%"
        height="100%"
        initialDimension={{ width: initialWidth || -1, height }}
        onResize={(w) => setWidth(Math.round(w))}
      >
        <LineChart data={rows as SeriesRow[]} margin={MARGIN}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="t"
            tick={PlainAxisTick}
            tickLine={false}
            stroke="currentColor"
            strokeOpacity={0.3}
            padding={padding}
            // Until the width is known, Recharts spaces the labels itself (measuring each one).
            interval={width > 0 ? timeTickInterval(rows.length, plotWidth, widest) : 'preserveEnd'}
            minTickGap={24}
            tickFormatter={formatTick}
          />
          <YAxis
            tick={PlainAxisTick}
            interval={0}
            tickLine={false}
            axisLine={false}
            width={Y_AXIS_WIDTH}
            allowDecimals={false}
            tickFormatter={formatCompact}
          />
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(t) => formatBucket(Number(t), interval, utc)}
            formatter={(value) => formatCount(Number(value))}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dash || undefined}
              // No resting dots: hundreds of svg circles cost more to draw than they tell.
              dot={false}
              hide={hidden?.has(s.key)}
              isAnimationActive={false}
              activeDot={
                onPointClick
                  ? (props) => (
                      <circle
                        cx={props.cx}
                        cy={props.cy}
                        r={5}
                        fill={s.color}
                        stroke="white"
                        strokeWidth={2}
                        className="cursor-pointer"
                        onClick={() => onPointClick((props.payload as SeriesRow).t, s.key)}
                      />
                    )
                  : { r: 4 }
              }
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
