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

// The room kept between neighbouring labels.
const LABEL_GAP = 24;

/**
 * Every how many buckets the time axis is labelled, so labels `labelWidth` px wide fit the
 * plot's width without Recharts measuring each one in the DOM (which it does for its
 * gap-based spacing).
 */
export function timeTickInterval(buckets: number, plotWidth: number, labelWidth: number): number {
  const fit = Math.max(1, Math.floor(plotWidth / (labelWidth + LABEL_GAP)));
  return Math.max(0, Math.ceil(buckets / fit) - 1);
}

const FONT_SIZE = 11;
let context: CanvasRenderingContext2D | null | undefined;

/**
 * How wide an axis label draws, in px: measured on a canvas in the page's font (no layout
 * needed), or estimated generously where there is no canvas.
 */
export function labelWidth(text: string): number {
  if (context === undefined && typeof document !== 'undefined') {
    context = document.createElement('canvas').getContext('2d');
    if (context) context.font = `${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
  }
  return context ? context.measureText(text).width : text.length * FONT_SIZE * 0.7;
}

/**
 * Room to keep beside the first and last points so their centred labels stay inside the chart
 * at any width: half the widest label (px), less what the axis and margin already leave.
 */
export function edgePadding(widest: number, leftRoom: number, rightRoom: number) {
  const half = Math.ceil(widest / 2) + 1;
  return { left: Math.max(0, half - leftRoom), right: Math.max(0, half - rightRoom) };
}
