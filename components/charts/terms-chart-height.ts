/**
 * The terms bar chart's height for a number of bars. Kept out of the Recharts module so the
 * placeholders shown before it loads can be exactly as tall as the chart that replaces them.
 */
const ROW_HEIGHT = 28;
const AXIS_HEIGHT = 40;

export function termsChartHeight(bars: number): number {
  return Math.max(120, bars * ROW_HEIGHT + AXIS_HEIGHT);
}
