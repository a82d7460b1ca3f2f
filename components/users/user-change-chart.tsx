'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axisTick, seriesDash, tooltipStyle } from '@/components/charts/chart-theme';
import { formatCompact, formatCount } from '@/lib/format';

export type UserChangeRow = { month: string; tick: string; added: number; removed: number; net: number };

export type UserChangeChartProps = { rows: readonly UserChangeRow[]; label: string; height?: number };

const COLORS = { added: '#0d9488', removed: '#d97706', net: '#374151' } as const;
/** Removed bars are hatched, added ones solid, the net a dashed line: told apart without colour. */
const REMOVED_HATCH = 'user-change-removed-hatch';

/**
 * Users added (up) and removed (down) per month on one axis, with the net change as a line.
 * Presentational: typed rows in, no fetching.
 */
export function UserChangeChart({ rows, label, height = 240 }: UserChangeChartProps) {
  const data = rows.map((r) => ({ ...r, removedDown: -r.removed }));
  return (
    <figure aria-label={label} className="m-0 text-gray-600 dark:text-gray-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <pattern
              id={REMOVED_HATCH}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill={COLORS.removed} fillOpacity={0.3} />
              <line x1="0" y1="0" x2="0" y2="6" stroke={COLORS.removed} strokeWidth="3" />
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
          <ReferenceLine y={0} stroke="currentColor" strokeOpacity={0.4} />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(value, name) => [formatCount(Math.abs(Number(value))), String(name)]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="added" name="Added" stackId="change" fill={COLORS.added} isAnimationActive={false} />
          <Bar
            dataKey="removedDown"
            name="Removed"
            stackId="change"
            fill={`url(#${REMOVED_HATCH})`}
            stroke={COLORS.removed}
            isAnimationActive={false}
          />
          <Line
            dataKey="net"
            name="Net change"
            stroke={COLORS.net}
            strokeWidth={2}
            strokeDasharray={seriesDash(1)}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
