// 100 % stacked horizontal bars: one bar per category, one segment per series, so categories of
// very different size can be compared by composition. Shares are printed inside segments wide
// enough to hold them; every segment also has a hover title with the count and share.
import { formatNumber } from './format.ts';
import { legend, rectSwatch } from './legend.ts';
import { AXIS, GRID, categoryColour, textColourOn } from './palette.ts';
import {
  CHART_WIDTH,
  FONT_SIZE,
  TITLE_HEIGHT,
  emptyChart,
  fitText,
  isFiniteNumber,
  n,
  svgDocument,
  text,
  textWidth,
  tooltip,
} from './svg.ts';
import type { ChartBase } from './types.ts';

export interface StackedSeries {
  name: string;
  /** One value per category, in the order of `categories`. */
  values: number[];
}

export interface StackedBarChartOptions extends ChartBase {
  categories: string[];
  series: StackedSeries[];
}

const ROW_HEIGHT = 26;
const BAR_HEIGHT = 18;
const RIGHT_MARGIN = 12;

export function stackedBarChart(opts: StackedBarChartOptions): string {
  const { categories, series, locale } = opts;
  const value = (s: StackedSeries, i: number): number => {
    const v = s.values[i];
    return isFiniteNumber(v) && v > 0 ? v : 0;
  };
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + value(s, i), 0));
  if (categories.length === 0 || series.length === 0 || totals.every((t) => t === 0)) return emptyChart(opts);

  const labelWidth = Math.min(220, Math.max(60, ...categories.map((c) => textWidth(c)))) + 8;
  const x0 = labelWidth;
  const barWidth = CHART_WIDTH - x0 - RIGHT_MARGIN;

  const legendBlock = legend(
    series.map((s, k) => ({ label: s.name, swatch: rectSwatch(categoryColour(k)) })),
    0,
    TITLE_HEIGHT,
    CHART_WIDTH,
  );
  const top = TITLE_HEIGHT + legendBlock.height + 6;

  const rows = categories.map((category, i) => {
    const total = totals[i] ?? 0;
    const barY = top + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const parts: string[] = [
      `<g class="stack-row">`,
      text(fitText(category, labelWidth - 8), { x: x0 - 6, y: barY + FONT_SIZE + 1, anchor: 'end', className: 'bar-label' }),
    ];
    if (total === 0) {
      // An empty category keeps its row so rows line up with the data table.
      parts.push(`<rect class="track" x="${n(x0)}" y="${n(barY)}" width="${n(barWidth)}" height="${BAR_HEIGHT}" fill="${GRID}"/>`);
    } else {
      let x = x0;
      series.forEach((s, k) => {
        const v = value(s, i);
        if (v === 0) return;
        const width = (v / total) * barWidth;
        const fill = categoryColour(k);
        const share = formatNumber(v / total, locale, 'share');
        parts.push(
          `<rect class="segment" data-series="${k}" x="${n(x)}" y="${n(barY)}" width="${n(width)}" height="${BAR_HEIGHT}" fill="${fill}" stroke="#ffffff" stroke-width="0.75">` +
            tooltip(`${category}, ${s.name}: ${formatNumber(v, locale, 'count')} (${share})`) +
            `</rect>`,
        );
        if (width >= textWidth(share) + 6) {
          parts.push(text(share, { x: x + width / 2, y: barY + FONT_SIZE + 1, anchor: 'middle', fill: textColourOn(fill), className: 'segment-value' }));
        }
        x += width;
      });
    }
    parts.push('</g>');
    return parts.join('');
  });

  const bottom = top + categories.length * ROW_HEIGHT;
  const axis = `<path class="axis" d="M${n(x0)} ${n(top)}V${n(bottom)}M${n(x0 + barWidth)} ${n(top)}V${n(bottom)}" stroke="${AXIS}" stroke-width="1"/>`;
  const desc = categories
    .map((c, i) => `${c}: ${series.map((s) => `${s.name} ${formatNumber(value(s, i), locale, 'count')}`).join(', ')}`)
    .join('; ');

  return svgDocument({
    base: opts,
    desc,
    width: CHART_WIDTH,
    height: bottom + 8,
    body: legendBlock.svg + rows.join('') + axis,
  });
}
