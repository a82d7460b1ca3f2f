/**
 * Colours, dash patterns and tooltip styling shared by the charts. Series colours are
 * mid-tones that keep 3:1 contrast on both the light and the dark card background.
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

/**
 * Line dash patterns (SVG `stroke-dasharray`), so series differ by more than colour: solid,
 * dashed, dotted, dash-dot, long dashes… The legend draws each series with its own.
 */
const SERIES_DASHES = ['', '8 4', '2 3', '10 3 2 3', '16 4', '5 2 1 2', '1 3', '12 3 3 3 3 3'] as const;

export function seriesDash(index: number): string {
  return SERIES_DASHES[index % SERIES_DASHES.length];
}

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
