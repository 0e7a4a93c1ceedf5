// Lines over an ordered x axis (runs by date). A null is a run where the value is unknown: the
// line breaks there rather than pretending to interpolate. Each series differs by colour, dash
// and marker shape so the chart still reads in black-and-white print.
import { formatNumber } from './format.ts';
import { legend } from './legend.ts';
import { dashFor, marker, markerShape } from './markers.ts';
import { AXIS, GRID, MUTED_INK, categoryColour } from './palette.ts';
import { linearTicks } from './scale.ts';
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
} from './svg.ts';
import type { ChartBase } from './types.ts';

export interface LineSeries {
  name: string;
  /** One value per x label; null = no value (drawn as a gap). */
  values: (number | null)[];
}

export interface LineChartOptions extends ChartBase {
  xLabels: string[];
  series: LineSeries[];
}

const PLOT_HEIGHT = 220;
const RIGHT_MARGIN = 16;
const X_LABEL_SPACE = 22;

function lineSwatch(index: number): (x: number, y: number) => string {
  const colour = categoryColour(index);
  const dash = dashFor(index);
  return (x, y) =>
    `<path d="M${n(x)} ${n(y + 6)}h24" stroke="${colour}" stroke-width="2" fill="none"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
    marker(markerShape(index), x + 12, y + 6, colour);
}

export function lineChart(opts: LineChartOptions): string {
  const { xLabels, series, locale } = opts;
  const valueAt = (s: LineSeries, i: number): number | null => {
    const v = s.values[i];
    return isFiniteNumber(v) ? v : null;
  };
  const all = series.flatMap((s) => xLabels.map((_, i) => valueAt(s, i))).filter((v): v is number => v !== null);
  if (xLabels.length === 0 || all.length === 0) return emptyChart(opts);

  const ticks = linearTicks(Math.max(...all), 4, all.every(Number.isInteger));
  const yMin = Math.min(0, ...all);
  const yMax = ticks[ticks.length - 1] ?? 1;
  const tickLabels = ticks.map((t) => formatNumber(t, locale));
  // x labels are centred on their point, so the first and last need half their width as margin.
  const xTexts = xLabels.map((l) => fitText(l, 120));
  const widest = Math.max(...xTexts.map((l) => textWidth(l)));
  const left = Math.max(Math.max(...tickLabels.map((t) => textWidth(t))) + 10, widest / 2 + 2);
  const plotWidth = CHART_WIDTH - left - Math.max(RIGHT_MARGIN, widest / 2 + 2);

  const legendBlock = legend(
    series.map((s, k) => ({ label: s.name, swatch: lineSwatch(k) })),
    0,
    TITLE_HEIGHT,
    CHART_WIDTH,
  );
  const top = TITLE_HEIGHT + legendBlock.height + 10;
  const bottom = top + PLOT_HEIGHT;
  const xAt = (i: number): number => (xLabels.length === 1 ? left + plotWidth / 2 : left + (i / (xLabels.length - 1)) * plotWidth);
  const yAt = (v: number): number => bottom - ((v - yMin) / (yMax - yMin)) * PLOT_HEIGHT;

  const grid = ticks
    .map(
      (t, j) =>
        `<path class="grid" d="M${n(left)} ${n(yAt(t))}H${n(left + plotWidth)}" stroke="${t === 0 ? AXIS : GRID}" stroke-width="1"/>` +
        text(tickLabels[j] ?? '', { x: left - 6, y: yAt(t) + 4, anchor: 'end', fill: MUTED_INK, className: 'tick' }),
    )
    .join('');

  // Thin out x labels so they never overlap; the first is always shown.
  const spacing = xLabels.length > 1 ? plotWidth / (xLabels.length - 1) : plotWidth;
  const every = Math.max(1, Math.ceil((widest + 10) / spacing));
  const xTicks = xTexts
    .map((label, i) =>
      i % every === 0
        ? text(label, { x: xAt(i), y: bottom + FONT_SIZE + 6, anchor: 'middle', fill: MUTED_INK, className: 'x-label' })
        : '',
    )
    .join('');

  const lines = series.map((s, k) => {
    const colour = categoryColour(k);
    const dash = dashFor(k);
    const runs: [number, number][][] = [];
    let run: [number, number][] = [];
    xLabels.forEach((_, i) => {
      const v = valueAt(s, i);
      if (v === null) {
        if (run.length) runs.push(run);
        run = [];
      } else run.push([xAt(i), yAt(v)]);
    });
    if (run.length) runs.push(run);
    const polylines = runs
      .filter((r) => r.length > 1)
      .map(
        (r) =>
          `<polyline class="line" data-series="${k}" points="${r.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      )
      .join('');
    const markers = xLabels
      .map((label, i) => {
        const v = valueAt(s, i);
        return v === null ? '' : marker(markerShape(k), xAt(i), yAt(v), colour, `${s.name}, ${label}: ${formatNumber(v, locale)}`);
      })
      .join('');
    return `<g class="series" data-series="${k}">${polylines}${markers}</g>`;
  });

  const desc = series
    .map((s) => {
      const points = xLabels.map((l, i) => {
        const v = valueAt(s, i);
        return `${l} ${v === null ? '–' : formatNumber(v, locale)}`;
      });
      return `${s.name}: ${points.join(', ')}`;
    })
    .join('; ');

  return svgDocument({
    base: opts,
    desc,
    width: CHART_WIDTH,
    height: bottom + X_LABEL_SPACE + 4,
    body: legendBlock.svg + grid + xTicks + lines.join(''),
  });
}
