// The report's charts, each drawn from the table it illustrates (so a chart cannot show a figure
// the table hides: a hidden count is drawn as a stub labelled "<3"), plus the volumes-over-time
// line chart, drawn from the run history.

import { barChart, type Bar } from './charts/bar-chart.ts';
import { lineChart } from './charts/line-chart.ts';
import { stackedBarChart } from './charts/stacked-bar-chart.ts';
import { countyMap, policeRegionMap } from './charts/sweden-map.ts';
import type { ReportFigures } from './report-figures.ts';
import type { ReportSection, SectionId } from './report-tables.ts';
import { reportText, type ReportLang } from './report-text.ts';
import { isSuppressed, type Cell, type ReportTable } from './table.ts';

/** Sites drawn as their own line over time besides the total; the rest would be unreadable. */
const LINES_OVER_TIME = 8;
const BARS = 20;

export type ChartsBySection = Map<SectionId, string[]>;

function column(table: ReportTable, key: string): number {
  const i = table.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`report table ${table.id} has no column ${key}`);
  return i;
}

function bars(table: ReportTable, labelKey: string, valueKey: string, limit = BARS): Bar[] {
  const li = column(table, labelKey);
  const vi = column(table, valueKey);
  return table.rows.slice(0, limit).map((row) => {
    const cell: Cell = row[vi] ?? null;
    return isSuppressed(cell) ? { label: String(row[li] ?? ''), value: 0, display: String(cell) } : { label: String(row[li] ?? ''), value: typeof cell === 'number' ? cell : 0 };
  });
}

function find(sections: readonly ReportSection[], id: string): ReportTable | undefined {
  for (const s of sections) for (const t of s.tables) if (t.id === id) return t;
  return undefined;
}

function overTime(figures: ReportFigures, lang: ReportLang): string {
  const t = reportText(lang);
  const runs = figures.history;
  const latest = runs.at(-1)?.sites ?? [];
  const top = [...latest]
    .sort((a, b) => b.profiles - a.profiles || (a.siteId < b.siteId ? -1 : 1))
    .slice(0, LINES_OVER_TIME)
    .map((s) => s.siteId);
  const valueIn = (point: (typeof runs)[number], siteId: string): number | null => {
    const s = point.sites.find((x) => x.siteId === siteId);
    // A site not mapped, or not mapped in full, in a run is a gap, never a drop to zero.
    return s && s.status === 'ok' ? s.profiles : null;
  };
  return lineChart({
    id: 'chart-over-time',
    title: t.chartTitles.overTime,
    locale: lang,
    emptyText: t.noData,
    xLabels: runs.map((r) => r.run.startedAt.slice(0, 10)),
    series: [
      { name: t.total, values: runs.map((r) => r.sites.reduce((n, s) => n + s.profiles, 0)) },
      ...top.map((id) => ({ name: figures.sites.get(id)?.name ?? id, values: runs.map((r) => valueIn(r, id)) })),
    ],
  });
}

function mapValues(table: ReportTable | undefined, keyColumn: string): { values: Record<string, number | null>; display: Record<string, string> } {
  const values: Record<string, number | null> = {};
  const display: Record<string, string> = {};
  if (!table) return { values, display };
  const ki = column(table, keyColumn);
  const vi = column(table, 'profiles');
  for (const row of table.rows) {
    const key = String(row[ki]);
    const cell = row[vi] ?? null;
    if (isSuppressed(cell)) {
      // null with a display: shaded apart from every class, so the colour does not tell the count.
      values[key] = null;
      display[key] = String(cell);
    } else values[key] = typeof cell === 'number' ? cell : null;
  }
  return { values, display };
}

export function reportCharts(sections: readonly ReportSection[], figures: ReportFigures, lang: ReportLang): ChartsBySection {
  const t = reportText(lang);
  const base = { locale: lang, emptyText: t.noData } as const;
  const out: ChartsBySection = new Map();
  const put = (section: SectionId, svg: string) => out.set(section, [...(out.get(section) ?? []), svg]);

  const volumes = find(sections, 'site_volumes');
  if (volumes) put('sites', barChart({ ...base, id: 'chart-site-volumes', title: t.chartTitles.siteVolumes, bars: bars(volumes, 'site_name', 'profiles') }));
  put('sites', overTime(figures, lang));

  const gender = find(sections, 'gender');
  if (gender) put('people', barChart({ ...base, id: 'chart-gender', title: t.chartTitles.gender, bars: bars(gender, 'label', 'profiles') }));
  const age = find(sections, 'age_bands');
  if (age) put('people', barChart({ ...base, id: 'chart-age', title: t.chartTitles.age, bars: bars(age, 'label', 'profiles') }));
  const byGroup = find(sections, 'gender_by_group');
  if (byGroup && byGroup.rows.length > 0) {
    const genderColumns = byGroup.columns.slice(1, -1);
    put(
      'people',
      stackedBarChart({
        ...base,
        id: 'chart-gender-by-group',
        title: t.chartTitles.genderByGroup,
        categories: byGroup.rows.map((r) => String(r[0])),
        // A hidden count is drawn as nothing here: a 100 % bar cannot show "<3" without giving it a size.
        series: genderColumns.map((c, i) => ({ name: c.label, values: byGroup.rows.map((r) => (typeof r[i + 1] === 'number' ? (r[i + 1] as number) : 0)) })),
      }),
    );
  }

  const localities = find(sections, 'localities');
  if (localities) put('geography', barChart({ ...base, id: 'chart-localities', title: t.chartTitles.localities, bars: bars(localities, 'locality', 'profiles', 15) }));
  const counties = mapValues(find(sections, 'counties'), 'lan_code');
  put('geography', countyMap({ ...base, id: 'chart-county-map', title: t.chartTitles.countyMap, ...counties, legendTitle: t.mapLegend, noDataLabel: t.noProfiles }));
  const regions = mapValues(find(sections, 'police_regions'), 'police_region');
  put('geography', policeRegionMap({ ...base, id: 'chart-region-map', title: t.chartTitles.regionMap, ...regions, legendTitle: t.mapLegend, noDataLabel: t.noProfiles }));

  const sizes = find(sections, 'cluster_sizes');
  if (sizes) put('organisation', barChart({ ...base, id: 'chart-cluster-sizes', title: t.chartTitles.clusterSizes, bars: bars(sizes, 'size', 'clusters') }));
  const foreign = find(sections, 'foreign_phones');
  if (foreign && foreign.rows.length > 0) put('organisation', barChart({ ...base, id: 'chart-foreign', title: t.chartTitles.foreign, bars: bars(foreign, 'label', 'phones', 12) }));

  const fill = find(sections, 'fill_rates');
  if (fill && fill.rows.length > 0) {
    const li = column(fill, 'site_name');
    const vi = column(fill, 'with_phone');
    put(
      'quality',
      barChart({
        ...base,
        id: 'chart-fill',
        title: t.chartTitles.fill,
        valueFormat: 'share',
        bars: fill.rows.slice(0, BARS * 3).map((r) => ({ label: String(r[li]), value: typeof r[vi] === 'number' ? (r[vi] as number) : 0, ...(r[vi] === null ? { display: '–' } : {}) })),
      }),
    );
  }
  return out;
}
