// The report's figures as tables, in sections: the one form every output file is written from.
// Small counts are hidden here, once, so that no file can show what another hides: a breakdown
// count from 1 to limit-1 becomes "<limit", and its share and change become null (either would
// give the count away). Totals are not hidden: they single out no one.

import { county as countyOf, municipality as municipalityOf } from '../normalise/gazetteer.ts';
import {
  AGE_BANDS,
  CLUSTER_SIZE_BUCKETS,
  GENDERS,
  NO_GROUP,
  type ProfileChanges,
  type ReportFigures,
  type RunFigures,
} from './report-figures.ts';
import { reportText, type ReportLang, type ReportText } from './report-text.ts';
import type { Cell, Column, ColumnKind, ReportTable } from './table.ts';

export const DEFAULT_SUPPRESS_BELOW = 3;
/** Localities listed by name (the count of all localities is in the overview). */
export const TOP_LOCALITIES = 25;

export type SectionId = 'overview' | 'sites' | 'people' | 'geography' | 'organisation' | 'change' | 'quality';

export interface ReportSection {
  id: SectionId;
  title: string;
  tables: ReportTable[];
}

export interface TableOptions {
  lang: ReportLang;
  /** Counts from 1 to suppressBelow-1 in a breakdown are shown as "<suppressBelow"; 1 shows everything. */
  suppressBelow: number;
}

/** A breakdown count as shown: hidden when small but not zero. */
export function shownCount(n: number, limit: number): number | string {
  return n > 0 && n < limit ? `<${limit}` : n;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const ratio = (n: number, d: number): number | null => (d > 0 ? round(n / d) : null);

class TableBuilder {
  readonly t: ReportText;
  constructor(
    readonly opts: TableOptions,
    readonly figures: ReportFigures,
  ) {
    this.t = reportText(opts.lang);
  }

  get hasCompare(): boolean {
    return this.figures.compare !== null;
  }

  col(key: string, kind: ColumnKind): Column {
    return { key, label: this.t.columns[key] ?? key, kind };
  }

  table(id: string, columns: Column[], rows: Cell[][]): ReportTable {
    return { id, title: this.t.tables[id] ?? id, columns, rows };
  }

  /**
   * Rows of `key columns + profiles, share [, compare, change, relative]`, with small counts
   * hidden. `total` is the share's denominator (null: no share column).
   */
  breakdown(
    id: string,
    keyColumns: Column[],
    rows: { keys: Cell[]; value: number; compare?: number }[],
    opts: { total: number | null; compareTotal?: number | null; valueKey?: string },
  ): ReportTable {
    const limit = this.opts.suppressBelow;
    const columns = [...keyColumns, this.col(opts.valueKey ?? 'profiles', 'count')];
    if (opts.total !== null) columns.push(this.col('share', 'share'));
    if (this.hasCompare) columns.push(this.col('compare_profiles', 'count'), this.col('change', 'change'), this.col('relative', 'relative'));
    return this.table(
      id,
      columns,
      rows.map((r) => {
        const shown = shownCount(r.value, limit);
        const hidden = typeof shown === 'string';
        const cells: Cell[] = [...r.keys, shown];
        if (opts.total !== null) cells.push(hidden ? null : ratio(r.value, opts.total));
        if (this.hasCompare) {
          const before = r.compare ?? 0;
          const beforeShown = shownCount(before, limit);
          const anyHidden = hidden || typeof beforeShown === 'string';
          cells.push(beforeShown, anyHidden ? null : r.value - before, anyHidden ? null : ratio(r.value - before, before));
        }
        return cells;
      }),
    );
  }

  /** A metric table: one row per named figure, beside the compared run's when there is one. */
  metrics(id: string, rows: { metric: string; kind: 'count' | 'share'; value: number | null; compare?: number | null }[]): ReportTable {
    const columns = [this.col('metric', 'text'), this.col('label', 'text'), this.col('value', rows[0]?.kind ?? 'count')];
    if (this.hasCompare) columns.push(this.col('compare_value', 'count'), this.col('change', 'change'), this.col('relative', 'relative'));
    return this.table(
      id,
      columns,
      rows.map((r) => {
        const cells: Cell[] = [r.metric, this.t.metrics[r.metric] ?? r.metric, r.value];
        if (this.hasCompare) {
          const before = r.compare ?? null;
          const both = r.value !== null && before !== null;
          cells.push(before, both ? round(r.value! - before!) : null, both && r.kind === 'count' ? ratio(r.value! - before!, before!) : null);
        }
        return cells;
      }),
    );
  }

  siteName(id: string): string {
    return this.figures.sites.get(id)?.name ?? id;
  }

  groupName(group: string | null | undefined): string {
    return group ? group : this.t.noGroup;
  }

  status(s: string | null | undefined): string | null {
    return s ? (this.t.statuses[s] ?? s) : null;
  }
}

function overviewSection(b: TableBuilder): ReportSection {
  const { current: now, compare: before } = b.figures;
  const runs = b.table(
    'runs',
    [b.col('role', 'text'), b.col('run_id', 'count'), b.col('run_label', 'text'), b.col('status', 'text'), b.col('started', 'date'), b.col('finished', 'date')],
    [now, ...(before ? [before] : [])].map((f, i) => [
      b.t.roles[i === 0 ? 'report' : 'compare']!,
      f.run.id,
      f.run.label,
      b.status(f.run.status),
      f.run.startedAt,
      f.run.finishedAt,
    ]),
  );
  const pick = (f: RunFigures | null, get: (f: RunFigures) => number) => (f ? get(f) : null);
  const metric = (metric: string, get: (f: RunFigures) => number) => ({ metric, kind: 'count' as const, value: get(now), compare: pick(before, get) });
  const overview = b.metrics('overview', [
    metric('sites_mapped', (f) => f.sitesMapped),
    metric('sites_with_profiles', (f) => f.sitesWithProfiles),
    metric('sites_failed', (f) => f.sitesFailed.length),
    metric('sites_partial', (f) => f.sitesPartial.length + f.sitesInterrupted.length),
    metric('profiles', (f) => f.profiles),
    metric('distinct_phones', (f) => f.distinctPhones),
    metric('localities', (f) => f.localityCount),
    metric('municipalities', (f) => f.municipalityCount),
  ]);
  // A site that was not read in full must never read as a drop: listed, in both runs.
  const incomplete = new Map<string, { now: string | null; before: string | null }>();
  for (const [f, side] of [
    [now, 'now'],
    [before, 'before'],
  ] as const) {
    if (!f) continue;
    for (const id of [...f.sitesFailed, ...f.sitesPartial, ...f.sitesInterrupted]) {
      const entry = incomplete.get(id) ?? { now: null, before: null };
      entry[side] = f.sites.get(id)!.status;
      incomplete.set(id, entry);
    }
  }
  const status = b.table(
    'site_status',
    [b.col('site', 'text'), b.col('site_name', 'text'), b.col('status', 'text'), ...(before ? [b.col('compare_status', 'text')] : [])],
    [...incomplete]
      .sort(([a], [c]) => (a < c ? -1 : 1))
      .map(([id, s]) => [id, b.siteName(id), b.status(s.now ?? now.sites.get(id)?.status), ...(before ? [b.status(s.before ?? before.sites.get(id)?.status)] : [])]),
  );
  return { id: 'overview', title: b.t.sections.overview, tables: [runs, overview, status] };
}

function sitesSection(b: TableBuilder): ReportSection {
  const { current: now, compare: before } = b.figures;
  const ids = [...new Set([...now.sites.keys(), ...(before ? before.sites.keys() : [])])];
  const rows = ids
    .map((id) => ({ id, value: now.sites.get(id)?.profiles ?? 0, compare: before?.sites.get(id)?.profiles ?? 0 }))
    .sort((x, y) => y.value - x.value || y.compare - x.compare || (x.id < y.id ? -1 : 1));
  const volumes = b.breakdown(
    'site_volumes',
    [b.col('site', 'text'), b.col('site_name', 'text'), b.col('group', 'text'), b.col('status', 'text')],
    rows.map((r) => ({
      keys: [r.id, b.siteName(r.id), b.groupName(b.figures.sites.get(r.id)?.group), b.status(now.sites.get(r.id)?.status)],
      value: r.value,
      compare: r.compare,
    })),
    { total: now.profiles },
  );
  if (before) {
    // The compared run's status beside the counts: a failed site last time explains a "rise".
    volumes.columns.push(b.col('compare_status', 'text'));
    rows.forEach((r, i) => volumes.rows[i]!.push(b.status(before.sites.get(r.id)?.status)));
  }
  const limit = b.opts.suppressBelow;
  const overTime = b.table(
    'site_volumes_over_time',
    [b.col('run_id', 'count'), b.col('run_label', 'text'), b.col('started', 'date'), b.col('site', 'text'), b.col('status', 'text'), b.col('profiles', 'count')],
    b.figures.history.flatMap((h) => h.sites.map((s) => [h.run.id, h.run.label, h.run.startedAt, s.siteId, b.status(s.status), shownCount(s.profiles, limit)])),
  );
  return { id: 'sites', title: b.t.sections.sites, tables: [volumes, overTime] };
}

function byGroupTable(b: TableBuilder, id: string, keys: readonly string[], label: (k: string) => string, get: (f: RunFigures) => Map<string, Map<string, number>>): ReportTable {
  const now = get(b.figures.current);
  // Named groups in order, the sites without a group last.
  const groups = [...now.keys()].sort((x, y) => (x === NO_GROUP ? 1 : y === NO_GROUP ? -1 : x < y ? -1 : 1));
  const limit = b.opts.suppressBelow;
  return b.table(
    id,
    [b.col('group', 'text'), ...keys.map((k) => ({ key: k, label: label(k), kind: 'count' as const })), b.col('profiles', 'count')],
    groups.map((g) => {
      const counts = now.get(g)!;
      const total = [...counts.values()].reduce((x, y) => x + y, 0);
      return [b.groupName(g), ...keys.map((k) => shownCount(counts.get(k) ?? 0, limit)), shownCount(total, limit)];
    }),
  );
}

function peopleSection(b: TableBuilder): ReportSection {
  const { current: now, compare: before } = b.figures;
  const genderLabel = (g: string) => b.t.genders[g] ?? g;
  const bandLabel = (a: string) => b.t.ageBands[a] ?? a;
  const gender = b.breakdown(
    'gender',
    [b.col('gender', 'text'), b.col('label', 'text')],
    GENDERS.map((g) => ({ keys: [g, genderLabel(g)], value: now.gender.get(g) ?? 0, compare: before?.gender.get(g) ?? 0 })),
    { total: now.profiles },
  );
  const age = b.breakdown(
    'age_bands',
    [b.col('age_band', 'text'), b.col('label', 'text')],
    AGE_BANDS.map((a) => ({ keys: [a, bandLabel(a)], value: now.ageBands.get(a) ?? 0, compare: before?.ageBands.get(a) ?? 0 })),
    { total: now.profiles },
  );
  return {
    id: 'people',
    title: b.t.sections.people,
    tables: [
      gender,
      age,
      byGroupTable(b, 'gender_by_group', GENDERS, genderLabel, (f) => f.genderByGroup),
      byGroupTable(b, 'age_by_group', AGE_BANDS, bandLabel, (f) => f.ageByGroup),
    ],
  };
}

/** Rows sorted by count (largest first), then by key, so equal counts always come in one order. */
function sortedCounts(now: Map<string, number>, before: Map<string, number> | undefined): { key: string; value: number; compare: number }[] {
  const keys = new Set([...now.keys(), ...(before ? before.keys() : [])]);
  return [...keys]
    .map((key) => ({ key, value: now.get(key) ?? 0, compare: before?.get(key) ?? 0 }))
    .sort((x, y) => y.value - x.value || y.compare - x.compare || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

function geographySection(b: TableBuilder): ReportSection {
  const { current: now, compare: before } = b.figures;
  const total = { total: now.profiles };
  const localityRows = sortedCounts(now.localities, before?.localities)
    .filter((r) => r.value > 0)
    .slice(0, TOP_LOCALITIES);
  const localities = b.breakdown(
    'localities',
    [b.col('rank', 'count'), b.col('locality', 'text'), b.col('kommun_code', 'text'), b.col('municipality', 'text')],
    localityRows.map((r, i) => {
      const [kommun, name] = r.key.split('\t') as [string, string];
      return { keys: [i + 1, name, kommun, municipalityOf(kommun)?.name ?? null], value: r.value, compare: r.compare };
    }),
    total,
  );
  const municipalities = b.breakdown(
    'municipalities',
    [b.col('kommun_code', 'text'), b.col('municipality', 'text'), b.col('county', 'text')],
    sortedCounts(now.municipalities, before?.municipalities).map((r) => {
      const m = municipalityOf(r.key);
      return { keys: [r.key, m?.name ?? null, m?.countyName ?? null], value: r.value, compare: r.compare };
    }),
    total,
  );
  const counties = b.breakdown(
    'counties',
    [b.col('lan_code', 'text'), b.col('county', 'text'), b.col('police_region', 'text')],
    sortedCounts(now.counties, before?.counties).map((r) => {
      const c = countyOf(r.key);
      return { keys: [r.key, c?.name ?? null, c?.policeRegion ?? null], value: r.value, compare: r.compare };
    }),
    total,
  );
  const regions = b.breakdown(
    'police_regions',
    [b.col('police_region', 'text')],
    sortedCounts(now.policeRegions, before?.policeRegions).map((r) => ({ keys: [r.key], value: r.value, compare: r.compare })),
    total,
  );
  return { id: 'geography', title: b.t.sections.geography, tables: [localities, municipalities, counties, regions] };
}

function countryName(code: string, lang: ReportLang, t: ReportText): string {
  if (code === '??') return t.unknownCountry;
  try {
    return new Intl.DisplayNames([lang === 'sv' ? 'sv-SE' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function organisationSection(b: TableBuilder): ReportSection {
  const { current: now, compare: before } = b.figures;
  const shared = b.table(
    'shared_phones',
    [
      b.col('min_profiles', 'count'),
      b.col('phones', 'count'),
      b.col('profiles', 'count'),
      b.col('share', 'share'),
      ...(before ? [b.col('compare_value', 'count'), b.col('change', 'change')] : []),
    ],
    now.sharedPhones.map((s, i) => {
      const then = before?.sharedPhones[i];
      return [s.min, s.phones, s.profiles, ratio(s.profiles, now.profiles), ...(then ? [then.profiles, s.profiles - then.profiles] : [])];
    }),
  );
  const c = (f: RunFigures) => f.clusters;
  const metric = (metric: string, get: (f: RunFigures) => number) => ({ metric, kind: 'count' as const, value: get(now), compare: before ? get(before) : null });
  const clusters = b.metrics('clusters', [
    metric('clusters', (f) => c(f).count),
    metric('profiles_in_clusters', (f) => c(f).profiles),
    metric('multi_site_clusters', (f) => c(f).multiSite),
    metric('multi_region_clusters', (f) => c(f).multiRegion),
  ]);
  // The share is a fraction, not a count: its own row kind, its change in points.
  const share = (f: RunFigures) => ratio(c(f).profiles, f.profiles);
  clusters.rows.push([
    'share_in_clusters',
    b.t.metrics.share_in_clusters!,
    share(now),
    ...(before ? [share(before), share(now) !== null && share(before) !== null ? round(share(now)! - share(before)!) : null, null] : []),
  ]);
  const sizes = b.breakdown(
    'cluster_sizes',
    [b.col('size', 'text')],
    CLUSTER_SIZE_BUCKETS.map(([label]) => ({
      keys: [label],
      value: now.clusters.sizes.get(label)!.clusters,
      compare: before?.clusters.sizes.get(label)?.clusters ?? 0,
    })),
    { total: null, valueKey: 'clusters' },
  );
  sizes.columns.push(b.col('profiles', 'count'));
  CLUSTER_SIZE_BUCKETS.forEach(([label], i) => sizes.rows[i]!.push(shownCount(now.clusters.sizes.get(label)!.profiles, b.opts.suppressBelow)));
  const foreignRows = sortedCounts(
    new Map([...now.foreignPhones].map(([k, v]) => [k, v.phones])),
    before ? new Map([...before.foreignPhones].map(([k, v]) => [k, v.phones])) : undefined,
  );
  const foreign = b.breakdown(
    'foreign_phones',
    [b.col('country', 'text'), b.col('label', 'text')],
    foreignRows.map((r) => ({ keys: [r.key, countryName(r.key, b.opts.lang, b.t)], value: r.value, compare: r.compare })),
    { total: null, valueKey: 'phones' },
  );
  foreign.columns.push(b.col('profiles', 'count'));
  foreignRows.forEach((r, i) => foreign.rows[i]!.push(shownCount(now.foreignPhones.get(r.key)?.profiles ?? 0, b.opts.suppressBelow)));
  const tables = [shared, clusters, sizes, foreign];
  const cmp = b.figures.comparison;
  if (cmp) {
    const limit = b.opts.suppressBelow;
    const moves = (kind: 'profiles' | 'clusters', map: Map<string, number>) =>
      sortedCounts(map, undefined).map((r) => {
        const [from, to] = r.key.split('\t') as [string, string];
        return [kind, b.t.moveKinds[kind]!, from, to, shownCount(r.value, limit)] as Cell[];
      });
    tables.push(
      b.table(
        'region_moves',
        [b.col('kind', 'text'), b.col('label', 'text'), b.col('from', 'text'), b.col('to', 'text'), b.col('value', 'count')],
        [...moves('profiles', cmp.regionMoves), ...moves('clusters', cmp.clusterMoves)],
      ),
    );
  }
  return { id: 'organisation', title: b.t.sections.organisation, tables };
}

const changeCells = (c: ProfileChanges): Cell[] => [c.new, c.continued, c.gone, c.onOpenedSites, c.onClosedSites, c.unknown];

function changeSection(b: TableBuilder): ReportSection | null {
  const cmp = b.figures.comparison;
  if (!cmp) return null;
  const changeColumns = ['new', 'continued', 'gone', 'on_opened_sites', 'on_closed_sites', 'unknown'].map((k) => b.col(k, 'count'));
  const limit = b.opts.suppressBelow;
  const overall = b.table('profile_changes', changeColumns, [changeCells(cmp.changes)]);
  const bySite = b.table(
    'profile_changes_by_site',
    [b.col('site', 'text'), b.col('site_name', 'text'), b.col('basis', 'text'), ...changeColumns],
    [...cmp.changesBySite].map(([id, c]) => [id, b.siteName(id), b.t.bases[c.basis] ?? c.basis, ...changeCells(c).map((n) => shownCount(n as number, limit))]),
  );
  return { id: 'change', title: b.t.sections.change, tables: [overall, bySite] };
}

function qualitySection(b: TableBuilder): ReportSection {
  const { current: now, compare: before } = b.figures;
  const q = (key: keyof RunFigures['quality']) => (f: RunFigures) => f.quality[key];
  const metric = (metric: string, get: (f: RunFigures) => number) => ({ metric, kind: 'count' as const, value: get(now), compare: before ? get(before) : null });
  const quality = b.metrics('data_quality', [
    metric('unresolved_locations', q('unresolvedLocations')),
    metric('no_location', q('noLocation')),
    metric('missing_age', q('missingAge')),
    metric('unknown_gender', q('unknownGender')),
    metric('no_phone', q('noPhone')),
    metric('minor_cues', q('minorCues')),
  ]);
  const limit = b.opts.suppressBelow;
  const fill = b.table(
    'fill_rates',
    [b.col('site', 'text'), b.col('site_name', 'text'), b.col('profiles', 'count'), ...['with_age', 'with_gender', 'with_location', 'with_phone'].map((k) => b.col(k, 'share'))],
    [...now.sites.values()]
      .sort((x, y) => (x.siteId < y.siteId ? -1 : 1))
      .map((s) => {
        const hidden = s.profiles > 0 && s.profiles < limit;
        const share = (n: number) => (hidden ? null : ratio(n, s.profiles));
        return [s.siteId, b.siteName(s.siteId), shownCount(s.profiles, limit), share(s.withAge), share(s.withGender), share(s.withLocation), share(s.withPhone)];
      }),
  );
  const alerts = b.table(
    'alerts',
    [b.col('site', 'text'), b.col('kind', 'text'), b.col('severity', 'text'), b.col('message', 'text')],
    now.alerts.map((a) => [a.siteId, a.kind, a.severity, a.message]),
  );
  return { id: 'quality', title: b.t.sections.quality, tables: [quality, fill, alerts] };
}

export function reportSections(figures: ReportFigures, opts: TableOptions): ReportSection[] {
  const b = new TableBuilder(opts, figures);
  return [overviewSection(b), sitesSection(b), peopleSection(b), geographySection(b), organisationSection(b), changeSection(b), qualitySection(b)].filter(
    (s): s is ReportSection => s !== null,
  );
}

