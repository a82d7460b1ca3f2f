import type { BaseTickContentProps } from 'recharts';

type TickProps = Pick<
  BaseTickContentProps,
  'x' | 'y' | 'index' | 'payload' | 'textAnchor' | 'verticalAnchor' | 'tickFormatter'
>;

// Recharts' own offsets for a one-line label: cap height below a bottom axis, half of it beside a side axis.
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * An axis label as plain SVG text. Recharts' Text measures each word in the DOM to wrap labels,
 * which forces a layout of the whole page for every chart drawn; axis labels here never wrap.
 */
export function PlainAxisTick({ x, y, index, payload, textAnchor, verticalAnchor, tickFormatter }: TickProps) {
  const value: unknown = payload.value;
  return (
    <text x={x} y={y} dy={DY[verticalAnchor]} textAnchor={textAnchor} fill="currentColor" fontSize={11}>
      {tickFormatter ? tickFormatter(value, index) : String(value)}
    </text>
  );
}

// About how wide a character of an 11 px axis label is, and the room kept between labels.
const CHAR_WIDTH = 6.5;
const LABEL_GAP = 24;

/**
 * Every how many buckets the time axis is labelled, so labels fit the plot's width without
 * Recharts measuring each one in the DOM (which it does for its gap-based spacing).
 */
export function timeTickInterval(buckets: number, plotWidth: number, labelChars: number): number {
  const fit = Math.max(1, Math.floor(plotWidth / (labelChars * CHAR_WIDTH + LABEL_GAP)));
  return Math.max(0, Math.ceil(buckets / fit) - 1);
}
