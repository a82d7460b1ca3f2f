/**
 * Colours and tooltip styling shared by the charts. Series colours are mid-tones that keep
 * 3:1 contrast on both the light and the dark card background.
 */
import type { CSSProperties } from 'react';

export const SERIES_COLORS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#0d9488',
  '#db2777',
  '#4b5563',
] as const;

export const SEMANTIC_COLORS = { good: '#16a34a', bad: '#dc2626', neutral: '#2563eb' } as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

export const tooltipStyle: CSSProperties = {
  background: 'var(--chart-tooltip-bg)',
  border: '1px solid var(--chart-tooltip-border)',
  color: 'var(--chart-tooltip-text)',
  borderRadius: 6,
  fontSize: 12,
};

/** Axis text and grid lines take the surrounding text colour, so they follow the theme. */
export const axisTick = { fill: 'currentColor', fontSize: 11 } as const;
