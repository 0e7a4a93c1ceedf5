// Choropleth maps of Sweden: by county, and by police region (each county takes its region's
// value). Counties with no value or zero are hatched light grey so "nothing found" is never
// mistaken for the lowest class. A suppressed small count (value null, display "<3") gets the
// lightest blue, below every class, with its own legend entry: there is something, and how little
// is not revealed by the shading.
import { escapeHtml } from '../escape.ts';
import { classBreaks, classLabels, classOf, type Classes } from './class-breaks.ts';
import { MAP_ATTRIBUTION, MAP_COUNTIES, MAP_VIEWBOX, POLICE_REGIONS, type MapCounty } from './county-geometry.ts';
import { formatNumber } from './format.ts';
import { CLASS_FILLS, MUTED_INK, NO_DATA_GREY, SUPPRESSED_FILL } from './palette.ts';
import { FONT_SIZE, TITLE_HEIGHT, hatchPattern, isFiniteNumber, n, svgDocument, text, tooltip } from './svg.ts';
import type { ChartBase, ChartLocale } from './types.ts';

export interface MapOptions extends ChartBase {
  values: Record<string, number | null>;
  /** Text shown instead of the number, e.g. "<3". */
  display?: Record<string, string>;
  legendTitle: string;
  noDataLabel: string;
}

const [, , MAP_WIDTH = 346, MAP_HEIGHT = 793] = MAP_VIEWBOX.split(/\s+/).map(Number);
const LEGEND_X = MAP_WIDTH + 24;
const WIDTH = LEGEND_X + 200;
const SWATCH = 16;
const LEGEND_ROW = 22;

const REGION_WORD: Record<ChartLocale, string> = { sv: 'polisregion', en: 'police region' };

/** How one key (county code or region name) is shaded and described. */
interface Shade {
  fill: string;
  shown: string;
  kind: 'class' | 'suppressed' | 'none';
}

function shader(opts: MapOptions, keys: readonly string[]) {
  const valueOf = (key: string): number | null => {
    const v = opts.values[key];
    return isFiniteNumber(v) ? v : null;
  };
  const displayOf = (key: string): string | undefined => opts.display?.[key];
  const classes = classBreaks(keys.map(valueOf).filter((v): v is number => v !== null));
  const count = classes?.breaks.length ?? 0;
  // Fewer than five classes spread over the ramp so neighbouring classes stay far apart.
  const fillOfClass = (j: number): string =>
    CLASS_FILLS[count <= 1 ? CLASS_FILLS.length - 1 : Math.round((j * (CLASS_FILLS.length - 1)) / (count - 1))] ?? NO_DATA_GREY;
  const noData = `url(#${opts.id}-nodata)`;

  const shade = (key: string): Shade => {
    const v = valueOf(key);
    const display = displayOf(key);
    if (v !== null && v > 0 && classes) {
      return { fill: fillOfClass(classOf(v, classes)), shown: display ?? formatNumber(v, opts.locale), kind: 'class' };
    }
    if (v === null && display !== undefined) return { fill: SUPPRESSED_FILL, shown: display, kind: 'suppressed' };
    return { fill: noData, shown: display ?? (v === null ? opts.noDataLabel : formatNumber(v, opts.locale)), kind: 'none' };
  };
  return { shade, classes, fillOfClass, noData };
}

function legendBlock(
  opts: MapOptions,
  shades: Shade[],
  classes: Classes | null,
  fillOfClass: (j: number) => string,
  noData: string,
): string {
  const entries: { fill: string; label: string }[] = [];
  const suppressed = [...new Set(shades.filter((s) => s.kind === 'suppressed').map((s) => s.shown))];
  for (const label of suppressed) entries.push({ fill: SUPPRESSED_FILL, label });
  if (classes) classLabels(classes, opts.locale).forEach((label, j) => entries.push({ fill: fillOfClass(j), label }));
  if (shades.some((s) => s.kind === 'none')) entries.push({ fill: noData, label: opts.noDataLabel });

  const top = TITLE_HEIGHT + 10;
  const rows = entries.map((e, i) => {
    const y = top + 22 + i * LEGEND_ROW;
    return (
      `<g class="legend-item"><rect x="${n(LEGEND_X)}" y="${n(y)}" width="${SWATCH}" height="${SWATCH}" fill="${e.fill}" stroke="${MUTED_INK}" stroke-width="0.5"/>` +
      text(e.label, { x: LEGEND_X + SWATCH + 8, y: y + FONT_SIZE + 1 }) +
      `</g>`
    );
  });
  const empty = classes || suppressed.length > 0
    ? ''
    : text(opts.emptyText, { x: LEGEND_X, y: top + 22 + entries.length * LEGEND_ROW + 24, fill: MUTED_INK, className: 'chart-empty' });
  return `<g class="legend">${text(opts.legendTitle, { x: LEGEND_X, y: top + FONT_SIZE, weight: 'bold', className: 'legend-title' })}${rows.join('')}${empty}</g>`;
}

interface Drawn {
  county: MapCounty;
  shade: Shade;
  hover: string;
  extraAttrs: string;
}

function mapDocument(opts: MapOptions, drawn: Drawn[], legendSvg: string, overlay: string, desc: string): string {
  const paths = drawn
    .map(
      (d) =>
        `<path class="county" data-code="${d.county.code}"${d.extraAttrs} d="${d.county.path}" fill="${d.shade.fill}" stroke="#666666" stroke-width="0.5" stroke-linejoin="round">` +
        tooltip(d.hover) +
        `</path>`,
    )
    .join('');
  const mapTop = TITLE_HEIGHT;
  return svgDocument({
    base: opts,
    desc,
    width: WIDTH,
    height: mapTop + MAP_HEIGHT + 28,
    defs: hatchPattern(`${opts.id}-nodata`, '#f0f0f0', NO_DATA_GREY),
    body:
      `<g class="map" transform="translate(0 ${mapTop})">${paths}${overlay}</g>` +
      legendSvg +
      text(MAP_ATTRIBUTION, { x: 0, y: mapTop + MAP_HEIGHT + 20, size: 10, fill: MUTED_INK, className: 'attribution' }),
  });
}

export function countyMap(opts: MapOptions): string {
  const codes = MAP_COUNTIES.map((c) => c.code);
  const { shade, classes, fillOfClass, noData } = shader(opts, codes);
  const drawn = MAP_COUNTIES.map((county) => {
    const s = shade(county.code);
    return { county, shade: s, hover: `${county.name}: ${s.shown}`, extraAttrs: '' };
  });
  const legendSvg = legendBlock(opts, drawn.map((d) => d.shade), classes, fillOfClass, noData);
  return mapDocument(opts, drawn, legendSvg, '', drawn.map((d) => d.hover).join('; '));
}

export function policeRegionMap(opts: MapOptions): string {
  const { shade, classes, fillOfClass, noData } = shader(opts, POLICE_REGIONS);
  const word = REGION_WORD[opts.locale];
  const drawn = MAP_COUNTIES.map((county) => {
    const s = shade(county.policeRegion);
    return {
      county,
      shade: s,
      hover: `${county.name} (${word} ${county.policeRegion}): ${s.shown}`,
      extraAttrs: ` data-region="${escapeHtml(county.policeRegion)}"`,
    };
  });
  const regionShades = POLICE_REGIONS.map((region) => shade(region));
  const legendSvg = legendBlock(opts, regionShades, classes, fillOfClass, noData);

  // Each region's label sits in its largest county, which is always well inside the region.
  const labels = POLICE_REGIONS.map((region, i) => {
    const home = MAP_COUNTIES.filter((c) => c.policeRegion === region).sort((a, b) => b.area - a.area)[0];
    if (!home) return '';
    const shown = regionShades[i]?.shown ?? '';
    return (
      `<g class="region-label">` +
      text(region, { x: home.labelX, y: home.labelY - 2, anchor: 'middle', weight: 'bold', halo: true }) +
      text(shown, { x: home.labelX, y: home.labelY + FONT_SIZE + 1, anchor: 'middle', halo: true }) +
      `</g>`
    );
  }).join('');
  const desc = POLICE_REGIONS.map((region, i) => `${region}: ${regionShades[i]?.shown ?? ''}`).join('; ');
  return mapDocument(opts, drawn, legendSvg, labels, desc);
}
