// Horizontal bars, one per item in the caller's order (the report decides the ranking), each
// labelled with its value. A suppressed count ("<3") gets a short hatched stub: the reader sees
// that something is there without the bar revealing how much.
import { formatNumber, type ValueFormat } from './format.ts';
import { AXIS, CATEGORY_COLOURS, MUTED_INK } from './palette.ts';
import {
  CHART_WIDTH,
  FONT_SIZE,
  TITLE_HEIGHT,
  emptyChart,
  fitText,
  hatchPattern,
  isFiniteNumber,
  n,
  svgDocument,
  text,
  textWidth,
  tooltip,
} from './svg.ts';
import type { ChartBase } from './types.ts';

export interface Bar {
  label: string;
  value: number;
  /** Shown instead of the value, e.g. "<3" for a suppressed count: drawn as a short hatched stub. */
  display?: string;
}

export interface BarChartOptions extends ChartBase {
  bars: Bar[];
  valueFormat?: ValueFormat;
}

const ROW_HEIGHT = 24;
const BAR_HEIGHT = 16;
const STUB_WIDTH = 6;
const VALUE_SPACE = 76;
const BAR_FILL = CATEGORY_COLOURS[0];

export function barChart(opts: BarChartOptions): string {
  const { bars, locale } = opts;
  if (bars.length === 0) return emptyChart(opts);
  const format = opts.valueFormat ?? 'count';

  const labelWidth = Math.min(240, Math.max(60, ...bars.map((b) => textWidth(b.label)))) + 8;
  const x0 = labelWidth;
  const plotWidth = CHART_WIDTH - x0 - VALUE_SPACE;
  const max = Math.max(0, ...bars.filter((b) => b.display === undefined && isFiniteNumber(b.value)).map((b) => b.value));
  const hatchId = `${opts.id}-hatch`;
  const shownValues = bars.map((b) => b.display ?? formatNumber(isFiniteNumber(b.value) ? b.value : 0, locale, format));

  const rows = bars.map((bar, i) => {
    const y = TITLE_HEIGHT + i * ROW_HEIGHT;
    const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const suppressed = bar.display !== undefined;
    const value = isFiniteNumber(bar.value) ? Math.max(0, bar.value) : 0;
    const width = suppressed ? STUB_WIDTH : max > 0 ? (value / max) * plotWidth : 0;
    const shown = shownValues[i] ?? '';
    const rect = suppressed
      ? `<rect class="bar suppressed" x="${n(x0)}" y="${n(barY)}" width="${n(width)}" height="${BAR_HEIGHT}" fill="url(#${hatchId})" stroke="${MUTED_INK}" stroke-width="0.5"/>`
      : `<rect class="bar" x="${n(x0)}" y="${n(barY)}" width="${n(width)}" height="${BAR_HEIGHT}" fill="${BAR_FILL}"/>`;
    return (
      `<g class="bar-row">${tooltip(`${bar.label}: ${shown}`)}` +
      text(fitText(bar.label, labelWidth - 8), { x: x0 - 6, y: barY + FONT_SIZE, anchor: 'end', className: 'bar-label' }) +
      rect +
      text(shown, { x: x0 + width + 4, y: barY + FONT_SIZE, className: 'bar-value' }) +
      `</g>`
    );
  });

  const plotBottom = TITLE_HEIGHT + bars.length * ROW_HEIGHT;
  // The zero line: also guarantees a visible mark when every value is zero.
  const axis = `<path class="axis" d="M${n(x0)} ${TITLE_HEIGHT}V${n(plotBottom)}" stroke="${AXIS}" stroke-width="1"/>`;
  const summary = bars.map((b, i) => `${b.label}: ${shownValues[i]}`).join('; ');

  return svgDocument({
    base: opts,
    desc: summary,
    width: CHART_WIDTH,
    height: plotBottom + 8,
    defs: bars.some((b) => b.display !== undefined) ? hatchPattern(hatchId, '#ffffff', MUTED_INK) : '',
    body: rows.join('') + axis,
  });
}
