// A legend of swatches and names, flowing left to right and wrapping, so long series names
// never run off the chart.
import { FONT_SIZE, fitText, n, text, textWidth } from './svg.ts';

export interface LegendItem {
  label: string;
  /** Draws the swatch in a 24 × 12 box whose top-left corner is (x, y). */
  swatch: (x: number, y: number) => string;
}

export const SWATCH_WIDTH = 24;
const ROW_HEIGHT = 20;
const GAP = 16;

export function legend(items: LegendItem[], x: number, y: number, width: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  for (const item of items) {
    const label = fitText(item.label, width - SWATCH_WIDTH - 6);
    const itemWidth = SWATCH_WIDTH + 6 + textWidth(label);
    if (cx > x && cx + itemWidth > x + width) {
      cx = x;
      cy += ROW_HEIGHT;
    }
    parts.push(
      `<g class="legend-item">${item.swatch(cx, cy)}` +
        text(label, { x: cx + SWATCH_WIDTH + 6, y: cy + FONT_SIZE - 1 }) +
        `</g>`,
    );
    cx += itemWidth + GAP;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: cy - y + ROW_HEIGHT };
}

export function rectSwatch(fill: string): (x: number, y: number) => string {
  return (x, y) => `<rect x="${n(x)}" y="${n(y)}" width="${SWATCH_WIDTH}" height="12" fill="${fill}" stroke="#666666" stroke-width="0.5"/>`;
}
