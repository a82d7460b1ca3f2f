/**
 * The terms bars' height for a number of bars, so the placeholder shown while the data loads
 * is exactly as tall as the bars that replace it.
 */
export const TERMS_ROW_HEIGHT = 28;

export function termsChartHeight(bars: number): number {
  return bars * TERMS_ROW_HEIGHT;
}
