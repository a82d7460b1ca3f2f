'use client';

import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Term } from '@/lib/authy/responses';
import { formatCompact, formatCount } from '@/lib/format';
import { axisTick, tooltipStyle } from './chart-theme';
import { termsChartHeight } from './terms-chart-height';

export type TermsBarChartProps = {
  terms: readonly Term[];
  label: string;
  color?: string;
  /** Readable name for a key (e.g. a country code); the key itself by default. */
  keyLabel?: (key: string) => string;
  onBarClick?: (key: string) => void;
};

/** Longer labels are cut on the axis (the tooltip and the table show them whole), so bars keep room on a phone. */
const MAX_TICK_CHARS = 18;

function clip(label: string): string {
  return label.length > MAX_TICK_CHARS ? `${label.slice(0, MAX_TICK_CHARS - 1)}…` : label;
}

/** Horizontal bars, largest first; height grows with the number of terms. */
export const TermsBarChart = memo(function TermsBarChart({ terms, label, color = '#2563eb', keyLabel = (k) => k, onBarClick }: TermsBarChartProps) {
  const height = termsChartHeight(terms.length);
  const longest = Math.min(MAX_TICK_CHARS, Math.max(4, ...terms.map((t) => keyLabel(t.key).length)));
  return (
    <figure aria-label={label} className="m-0 text-gray-600 dark:text-gray-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={terms as Term[]} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} horizontal={false} />
          <XAxis type="number" tick={axisTick} tickLine={false} stroke="currentColor" strokeOpacity={0.3} allowDecimals={false} tickFormatter={formatCompact} />
          <YAxis
            type="category"
            dataKey="key"
            tick={axisTick}
            tickLine={false}
            axisLine={false}
            width={longest * 6.5 + 8}
            tickFormatter={(key: string) => clip(keyLabel(key))}
            interval={0}
          />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fillOpacity: 0.08 }} labelFormatter={(k) => keyLabel(String(k))} formatter={(v) => formatCount(Number(v))} />
          <Bar
            dataKey="count"
            name="Events"
            fill={color}
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
            className={onBarClick ? 'cursor-pointer' : undefined}
            onClick={onBarClick ? (item) => onBarClick(String((item.payload as Term).key)) : undefined}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});
