'use client';

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Interval } from '@/lib/authy/interval';
import { formatBucket, formatBucketTick, formatCompact, formatCount } from '@/lib/format';
import type { SeriesRow } from '@/lib/queries/histogram-series';
import { axisTick, tooltipStyle } from './chart-theme';

export type ChartSeries = { key: string; label: string; color: string };

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
export const TimeSeriesChart = memo(function TimeSeriesChart({ rows, series, interval, utc, label, height, initialWidth = 0, hidden, onPointClick }: TimeSeriesChartProps) {
  return (
    <figure aria-label={label} className="m-0 text-gray-600 dark:text-gray-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: initialWidth || -1, height }}>
        <LineChart data={rows as SeriesRow[]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="t"
            tick={axisTick}
            tickLine={false}
            stroke="currentColor"
            strokeOpacity={0.3}
            minTickGap={24}
            tickFormatter={(t: number) => formatBucketTick(t, interval, utc)}
          />
          <YAxis tick={axisTick} tickLine={false} axisLine={false} width={44} allowDecimals={false} tickFormatter={formatCompact} />
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
