// The report's figures and tables on hand-built input, where every expected number can be counted
// by hand: what is hidden (and what is not), how rows are ordered, how a regional report counts,
// how profile changes depend on whether a site was read in full in both runs, and the organisation
// indicators (shared numbers, cluster sizes, foreign numbers).

import { describe, expect, it } from 'vitest';
import { matchPoliceRegion } from '../../src/cli/commands/report.ts';
import { comparisonFigures, reportFigures, type ReportFigures } from '../../src/report/report-figures.ts';
import type { ReportCluster, ReportInput, ReportRunData, ReportSiteRun, ReportSnapshot } from '../../src/report/report-input.ts';
import { reportSections, shownCount, TOP_LOCALITIES, type ReportSection } from '../../src/report/report-tables.ts';
import type { Cell, ReportTable } from '../../src/report/table.ts';

// --- building input ---------------------------------------------------------------------------

const PLACES = {
  malmo: { locality: 'Malmö', kommunCode: '1280', lanCode: '12', policeRegion: 'Syd' },
  lund: { locality: 'Lund', kommunCode: '1281', lanCode: '12', policeRegion: 'Syd' },
  goteborg: { locality: 'Göteborg', kommunCode: '1480', lanCode: '14', policeRegion: 'Väst' },
  stockholm: { locality: 'Stockholm', kommunCode: '0180', lanCode: '01', policeRegion: 'Stockholm' },
} as const;

function snap(profileId: number, siteId: string, over: Partial<ReportSnapshot> & { place?: keyof typeof PLACES } = {}): ReportSnapshot {
  const { place, ...rest } = over;
  const where = place ? PLACES[place] : { locality: null, kommunCode: null, lanCode: null, policeRegion: null };
  return {
    profileId,
    siteId,
    gender: 'woman',
    ageBand: '24-29',
    hasAge: true,
    locationUnresolved: false,
    minorCue: false,
    phoneIds: [],
    ...where,
    ...rest,
  };
}

function siteRun(siteId: string, status = 'ok'): ReportSiteRun {
  return { siteId, siteName: siteId.toUpperCase(), group: null, status, profilesFound: 0, pagesFetched: 1, errorCount: 0 };
}

function runData(id: number, siteRuns: ReportSiteRun[], snapshots: ReportSnapshot[], clusters: ReportCluster[] = []): ReportRunData {
  const day = String(id).padStart(2, '0');
  return {
    run: { id, label: null, status: 'completed', startedAt: `2026-01-${day}T10:00:00.000Z`, finishedAt: `2026-01-${day}T11:00:00.000Z` },
    siteRuns,
    snapshots,
    clusters,
    alerts: [],
  };
}

function input(current: ReportRunData, compare: ReportRunData | null = null, phoneCountries: [number, string | null][] = []): ReportInput {
  const ids = new Set([...current.siteRuns, ...(compare?.siteRuns ?? [])].map((s) => s.siteId));
  return {
    current,
    compare,
    phoneCountries: new Map(phoneCountries),
    history: [],
    sites: new Map([...ids].map((id) => [id, { name: id.toUpperCase(), group: null }])),
  };
}

function table(sections: ReportSection[], id: string): ReportTable {
  for (const s of sections) for (const t of s.tables) if (t.id === id) return t;
  throw new Error(`no table ${id}`);
}

/** A table's rows as objects keyed by column key. */
function rows(t: ReportTable): Record<string, Cell>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, r[i] ?? null])));
}

const sections = (figures: ReportFigures, suppressBelow = 3) => reportSections(figures, { lang: 'sv', suppressBelow });

/** n profiles with ids from `from`, on site `siteId`, at `place`. */
const many = (n: number, from: number, siteId: string, place?: keyof typeof PLACES) =>
  Array.from({ length: n }, (_, i) => snap(from + i, siteId, place ? { place } : {}));

// --- suppression ------------------------------------------------------------------------------

describe('shownCount', () => {
  it('hides counts from 1 to limit-1, never 0 and never the limit itself', () => {
    expect([0, 1, 2, 3, 4].map((n) => shownCount(n, 3))).toEqual([0, '<3', '<3', 3, 4]);
  });

  it('with limit 1 hides nothing', () => {
    expect([0, 1, 2].map((n) => shownCount(n, 1))).toEqual([0, 1, 2]);
  });
});

describe('suppression in the tables', () => {
  // Now: Malmö 2, Göteborg 5, Stockholm 4. Before: Malmö 4, Göteborg 1, Stockholm 3.
  const now = runData(2, [siteRun('a')], [...many(2, 1, 'a', 'malmo'), ...many(5, 10, 'a', 'goteborg'), ...many(4, 20, 'a', 'stockholm')]);
  const before = runData(1, [siteRun('a')], [...many(4, 101, 'a', 'malmo'), ...many(1, 110, 'a', 'goteborg'), ...many(3, 120, 'a', 'stockholm')]);
  const figures = reportFigures(input(now, before), null);

  it('a hidden count has no share and no change; a count hidden in the compared run hides the change too', () => {
    const byName = new Map(rows(table(sections(figures), 'localities')).map((r) => [r.locality, r]));
    // Hidden now (2 of 11): share and change would give it away.
    expect(byName.get('Malmö')).toMatchObject({ profiles: '<3', share: null, compare_profiles: 4, change: null, relative: null });
    // Hidden before (1): the change 5 - 1 would give it away.
    expect(byName.get('Göteborg')).toMatchObject({ profiles: 5, share: round(5 / 11), compare_profiles: '<3', change: null, relative: null });
    // Shown in both: share, change and relative change.
    expect(byName.get('Stockholm')).toMatchObject({ profiles: 4, share: round(4 / 11), compare_profiles: 3, change: 1, relative: round(1 / 3) });
  });

  it('applies the same rule to police regions, gender and the change table per site', () => {
    const s = sections(figures);
    expect(rows(table(s, 'police_regions')).find((r) => r.police_region === 'Syd')).toMatchObject({ profiles: '<3', share: null, change: null });
    const gender = rows(table(s, 'gender'));
    expect(gender.find((r) => r.gender === 'woman')).toMatchObject({ profiles: 11, share: 1, compare_profiles: 8, change: 3 });
    expect(gender.find((r) => r.gender === 'man')).toMatchObject({ profiles: 0, share: 0, compare_profiles: 0, change: 0 });
  });

  it('never hides a total in the overview, however small', () => {
    const tiny = reportFigures(input(runData(2, [siteRun('a'), siteRun('b')], [snap(1, 'a', { place: 'lund', phoneIds: [7] })])), null);
    const overview = new Map(rows(table(sections(tiny, 3), 'overview')).map((r) => [r.metric, r.value]));
    expect(overview.get('profiles')).toBe(1);
    expect(overview.get('distinct_phones')).toBe(1);
    expect(overview.get('localities')).toBe(1);
    expect(overview.get('municipalities')).toBe(1);
    expect(overview.get('sites_with_profiles')).toBe(1);
    expect(overview.get('sites_mapped')).toBe(2);
  });

  it('with --suppress-below 1 shows every count, share and change', () => {
    const all = sections(figures, 1);
    const suppressed = all.flatMap((s) => s.tables.flatMap((t) => t.rows.flat())).filter((c) => typeof c === 'string' && /^<\d+$/.test(c));
    expect(suppressed).toEqual([]);
    expect(rows(table(all, 'localities')).find((r) => r.locality === 'Göteborg')).toMatchObject({ profiles: 5, compare_profiles: 1, change: 4, relative: 4 });
    // And with the default limit, the same data does hide something (the check above can fail).
    expect(sections(figures, 3).flatMap((s) => s.tables.flatMap((t) => t.rows.flat()))).toContain('<3');
  });
});

const round = (x: number) => Math.round(x * 1e6) / 1e6;

// --- ordering and limits ----------------------------------------------------------------------

describe('localities', () => {
  it('are sorted by count, largest first, then by key; ranked from 1', () => {
    // Malmö 6, Lund 4, Göteborg 4, Stockholm 3: Lund and Göteborg tie, and go by key (kommun code first).
    const now = runData(1, [siteRun('a')], [...many(4, 1, 'a', 'lund'), ...many(4, 10, 'a', 'goteborg'), ...many(6, 20, 'a', 'malmo'), ...many(3, 30, 'a', 'stockholm')]);
    const t = rows(table(sections(reportFigures(input(now), null)), 'localities'));
    expect(t.map((r) => [r.rank, r.locality, r.kommun_code, r.profiles])).toEqual([
      [1, 'Malmö', '1280', 6],
      [2, 'Lund', '1281', 4], // key "1281\tLund" < "1480\tGöteborg"
      [3, 'Göteborg', '1480', 4],
      [4, 'Stockholm', '0180', 3],
    ]);
    expect(t[0]!.municipality).toBe('Malmö');
  });

  it(`list the top ${TOP_LOCALITIES} by name, while the overview counts them all`, () => {
    // 30 localities with 1..30 profiles each, in made-up municipalities.
    const snapshots: ReportSnapshot[] = [];
    let id = 1;
    for (let i = 1; i <= 30; i++) for (let j = 0; j < i; j++) snapshots.push(snap(id++, 'a', { locality: `Ort ${i}`, kommunCode: String(9000 + i) }));
    const s = sections(reportFigures(input(runData(1, [siteRun('a')], snapshots)), null));
    const t = rows(table(s, 'localities'));
    expect(TOP_LOCALITIES).toBe(25);
    expect(t).toHaveLength(25);
    expect(t.map((r) => r.locality)).toEqual(Array.from({ length: 25 }, (_, i) => `Ort ${30 - i}`));
    expect(t.map((r) => r.rank)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(rows(table(s, 'overview')).find((r) => r.metric === 'localities')!.value).toBe(30);
  });
});

// --- sites not read in full -------------------------------------------------------------------

describe('site status', () => {
  it('lists a failed or partly mapped site, in both runs, and counts it in the overview', () => {
    const now = runData(2, [siteRun('a'), siteRun('b', 'failed'), siteRun('c')], [...many(3, 1, 'a')]);
    const before = runData(1, [siteRun('a'), siteRun('b'), siteRun('c', 'partial')], [...many(3, 1, 'a')]);
    const s = sections(reportFigures(input(now, before), null));
    expect(rows(table(s, 'site_status'))).toEqual([
      { site: 'b', site_name: 'B', status: 'misslyckades', compare_status: 'klar' },
      { site: 'c', site_name: 'C', status: 'klar', compare_status: 'delvis' },
    ]);
    const overview = new Map(rows(table(s, 'overview')).map((r) => [r.metric, r]));
    expect(overview.get('sites_failed')).toMatchObject({ value: 1, compare_value: 0 });
    expect(overview.get('sites_partial')).toMatchObject({ value: 0, compare_value: 1 });
  });

  it('is empty when every site was read in full', () => {
    const s = sections(reportFigures(input(runData(1, [siteRun('a')], many(3, 1, 'a'))), null));
    expect(table(s, 'site_status').rows).toEqual([]);
  });
});

// --- regional reports -------------------------------------------------------------------------

describe('a regional report', () => {
  // Profile 1 stays in Malmö (Syd), 2 moves Malmö → Göteborg (Syd → Väst), 3 moves Göteborg →
  // Lund (Väst → Syd), 4 stays in Göteborg, 5 is new in Malmö, 6 is gone from Lund, 7 new in
  // Stockholm.
  const before = runData(1, [siteRun('a')], [
    snap(1, 'a', { place: 'malmo' }),
    snap(2, 'a', { place: 'malmo' }),
    snap(3, 'a', { place: 'goteborg' }),
    snap(4, 'a', { place: 'goteborg' }),
    snap(6, 'a', { place: 'lund' }),
  ]);
  const now = runData(2, [siteRun('a')], [
    snap(1, 'a', { place: 'malmo' }),
    snap(2, 'a', { place: 'goteborg' }),
    snap(3, 'a', { place: 'lund' }),
    snap(4, 'a', { place: 'goteborg' }),
    snap(5, 'a', { place: 'malmo' }),
    snap(7, 'a', { place: 'stockholm' }),
  ]);

  it('counts only the profiles in the region', () => {
    const syd = reportFigures(input(now, before), 'Syd');
    expect(syd.region).toBe('Syd');
    expect(syd.current.profiles).toBe(3); // 1, 3, 5
    expect(syd.compare!.profiles).toBe(3); // 1, 2, 6
    expect([...syd.current.policeRegions]).toEqual([['Syd', 3]]);
    expect([...syd.current.localities.keys()].sort()).toEqual(['1280\tMalmö', '1281\tLund']);
    expect(syd.current.sites.get('a')!.profiles).toBe(3);
    const national = reportFigures(input(now, before), null);
    expect(national.current.profiles).toBe(6);
    expect(national.current.policeRegions.get('Syd')).toBe(syd.current.profiles);
  });

  it('counts a profile that crossed the border as a move, not as new or gone', () => {
    const syd = reportFigures(input(now, before), 'Syd').comparison!;
    // 1 and 3 are in Syd now and were there before or elsewhere: continued; 5 is new; 6 is gone;
    // 2 left Syd: neither gone nor continued here.
    expect(syd.changes).toEqual({ new: 1, continued: 2, gone: 1, onOpenedSites: 0, onClosedSites: 0, unknown: 0 });
    expect([...syd.regionMoves].sort()).toEqual([
      ['Syd\tVäst', 1],
      ['Väst\tSyd', 1],
    ]);
    const vast = reportFigures(input(now, before), 'Väst').comparison!;
    expect(vast.changes).toEqual({ new: 0, continued: 2, gone: 0, onOpenedSites: 0, onClosedSites: 0, unknown: 0 });
    // The national report sees the moves, and 7 as new: no move touches Stockholm.
    const all = reportFigures(input(now, before), null).comparison!;
    expect(all.changes).toEqual({ new: 2, continued: 4, gone: 1, onOpenedSites: 0, onClosedSites: 0, unknown: 0 });
    expect(reportFigures(input(now, before), 'Stockholm').comparison!.regionMoves.size).toBe(0);
  });

  it('shows the moves in the region_moves table', () => {
    const t = rows(table(sections(reportFigures(input(now, before), 'Syd'), 1), 'region_moves'));
    expect(t.map((r) => [r.kind, r.from, r.to, r.value])).toEqual([
      ['profiles', 'Syd', 'Väst', 1],
      ['profiles', 'Väst', 'Syd', 1],
    ]);
  });
});

// --- profile changes --------------------------------------------------------------------------

describe('profile changes', () => {
  // a: ok in both. b: mapped only now (opened). c: mapped only before (closed). d: ok before,
  // partial now (a missing profile may just not have been reached).
  const before = runData(1, [siteRun('a'), siteRun('c'), siteRun('d')], [
    snap(1, 'a'),
    snap(2, 'a'),
    snap(3, 'a'), // gone
    snap(30, 'c'),
    snap(31, 'c'),
    snap(40, 'd'),
    snap(41, 'd'), // not seen now on a partly read site: unknown
  ]);
  const now = runData(2, [siteRun('a'), siteRun('b'), siteRun('d', 'partial')], [
    snap(1, 'a'),
    snap(2, 'a'),
    snap(4, 'a'), // new
    snap(5, 'a'), // new
    snap(20, 'b'),
    snap(21, 'b'),
    snap(22, 'b'),
    snap(40, 'd'),
    snap(42, 'd'), // first seen on a partly read site: unknown
  ]);
  const cmp = comparisonFigures(now, before, null);

  it('counts new, continued, gone, on opened and closed sites, and unknown', () => {
    expect(cmp.changes).toEqual({ new: 2, continued: 3, gone: 1, onOpenedSites: 3, onClosedSites: 2, unknown: 2 });
  });

  it('per site, with the basis of the comparison', () => {
    expect(Object.fromEntries(cmp.changesBySite)).toEqual({
      a: { basis: 'both', new: 2, continued: 2, gone: 1, onOpenedSites: 0, onClosedSites: 0, unknown: 0 },
      b: { basis: 'opened', new: 0, continued: 0, gone: 0, onOpenedSites: 3, onClosedSites: 0, unknown: 0 },
      c: { basis: 'closed', new: 0, continued: 0, gone: 0, onOpenedSites: 0, onClosedSites: 2, unknown: 0 },
      d: { basis: 'incomplete', new: 0, continued: 1, gone: 0, onOpenedSites: 0, onClosedSites: 0, unknown: 2 },
    });
  });

  it('a failed site in the compared run makes its profiles unknown, not new', () => {
    const failedBefore = runData(1, [siteRun('a', 'failed')], []);
    const c = comparisonFigures(runData(2, [siteRun('a')], many(4, 1, 'a')), failedBefore, null);
    expect(c.changes).toEqual({ new: 0, continued: 0, gone: 0, onOpenedSites: 0, onClosedSites: 0, unknown: 4 });
  });

  it('are tabled with the totals shown and the per-site counts suppressed', () => {
    const s = sections(reportFigures(input(now, before), null), 3);
    expect(rows(table(s, 'profile_changes'))).toEqual([{ new: 2, continued: 3, gone: 1, on_opened_sites: 3, on_closed_sites: 2, unknown: 2 }]);
    const bySite = new Map(rows(table(s, 'profile_changes_by_site')).map((r) => [r.site, r]));
    expect(bySite.get('a')).toMatchObject({ basis: 'båda körningarna', new: '<3', continued: '<3', gone: '<3', unknown: 0 });
    expect(bySite.get('b')).toMatchObject({ basis: 'ny webbplats', on_opened_sites: 3 });
    expect(bySite.get('c')).toMatchObject({ basis: 'stängd webbplats', on_closed_sites: '<3' });
    expect(bySite.get('d')).toMatchObject({ basis: 'ofullständig', unknown: '<3' });
  });

  it('has no change section without a compared run', () => {
    const s = sections(reportFigures(input(now), null));
    expect(s.map((x) => x.id)).toEqual(['overview', 'sites', 'people', 'geography', 'organisation', 'quality']);
    expect(s.flatMap((x) => x.tables.map((t) => t.id))).not.toContain('region_moves');
    expect(table(s, 'localities').columns.map((c) => c.key)).not.toContain('change');
  });
});

// --- organisation indicators ------------------------------------------------------------------

describe('shared phones', () => {
  it('counts numbers on at least 2, 5 and 10 profiles, and the profiles showing one', () => {
    // Phone 100 on profiles 1-2, 200 on 3-7 (5), 300 on 8-17 (10), 400 on 18 only.
    // Profile 3 also shows 100 (now on 3 profiles).
    const snapshots = [
      ...[1, 2].map((id) => snap(id, 'a', { phoneIds: [100] })),
      snap(3, 'a', { phoneIds: [100, 200] }),
      ...[4, 5, 6, 7].map((id) => snap(id, 'a', { phoneIds: [200] })),
      ...Array.from({ length: 10 }, (_, i) => snap(8 + i, 'a', { phoneIds: [300] })),
      snap(18, 'a', { phoneIds: [400] }),
      snap(19, 'a'),
    ];
    const f = reportFigures(input(runData(1, [siteRun('a')], snapshots)), null).current;
    expect(f.distinctPhones).toBe(4);
    expect(f.sharedPhones).toEqual([
      { min: 2, phones: 3, profiles: 17 },
      { min: 5, phones: 2, profiles: 15 },
      { min: 10, phones: 1, profiles: 10 },
    ]);
    const t = rows(table(sections(reportFigures(input(runData(1, [siteRun('a')], snapshots)), null)), 'shared_phones'));
    expect(t).toEqual([
      { min_profiles: 2, phones: 3, profiles: 17, share: round(17 / 19) },
      { min_profiles: 5, phones: 2, profiles: 15, share: round(15 / 19) },
      { min_profiles: 10, phones: 1, profiles: 10, share: round(10 / 19) },
    ]);
  });
});

describe('clusters', () => {
  const cluster = (clusterId: number, size: number, regionCounts: Record<string, number> = { Syd: size }, sites = ['a']): ReportCluster => ({ clusterId, size, sites, regionCounts });

  it('are bucketed by size: 2, 3-4, 5-9, 10-19, 20+', () => {
    const clusters = [cluster(1, 2), cluster(2, 3), cluster(3, 4), cluster(4, 5), cluster(5, 9), cluster(6, 10), cluster(7, 19), cluster(8, 20), cluster(9, 60, { Syd: 30, Väst: 30 }, ['a', 'b'])];
    const f = reportFigures(input(runData(1, [siteRun('a')], [], clusters)), null).current.clusters;
    expect(Object.fromEntries(f.sizes)).toEqual({
      '2': { clusters: 1, profiles: 2 },
      '3-4': { clusters: 2, profiles: 7 },
      '5-9': { clusters: 2, profiles: 14 },
      '10-19': { clusters: 2, profiles: 29 },
      '20+': { clusters: 2, profiles: 80 },
    });
    expect(f).toMatchObject({ count: 9, profiles: 132, multiSite: 1, multiRegion: 1 });
  });

  it('in a regional report count the profiles in the region, in the size bucket of the whole cluster', () => {
    const clusters = [cluster(1, 12, { Syd: 2, Väst: 10 }), cluster(2, 3, { Väst: 3 })];
    const f = reportFigures(input(runData(1, [siteRun('a')], [], clusters)), 'Syd').current.clusters;
    expect(f.count).toBe(1);
    expect(f.profiles).toBe(2);
    expect(f.sizes.get('10-19')).toEqual({ clusters: 1, profiles: 2 });
    expect(f.sizes.get('3-4')).toEqual({ clusters: 0, profiles: 0 });
  });

  it('tables the buckets with small counts hidden', () => {
    const clusters = [cluster(1, 2), cluster(2, 2), cluster(3, 2), cluster(4, 3)];
    const t = rows(table(sections(reportFigures(input(runData(1, [siteRun('a')], [], clusters)), null)), 'cluster_sizes'));
    expect(t.map((r) => [r.size, r.clusters, r.profiles])).toEqual([
      ['2', 3, 6],
      ['3-4', '<3', 3],
      ['5-9', 0, 0],
      ['10-19', 0, 0],
      ['20+', 0, 0],
    ]);
  });
});

describe('foreign phones', () => {
  it('are counted per country, Sweden left out, unknown as "??", a profile once per country', () => {
    const snapshots = [
      snap(1, 'a', { phoneIds: [1] }), // SE
      snap(2, 'a', { phoneIds: [2, 3] }), // NO, NO: one profile
      snap(3, 'a', { phoneIds: [3, 4] }), // NO, unknown
      snap(4, 'a', { phoneIds: [5] }), // DK
      snap(5, 'a', { phoneIds: [1, 6] }), // SE, unknown country (no row)
    ];
    const countries: [number, string | null][] = [
      [1, 'SE'],
      [2, 'NO'],
      [3, 'NO'],
      [4, null],
      [5, 'DK'],
    ];
    const figures = reportFigures(input(runData(1, [siteRun('a')], snapshots), null, countries), null);
    expect(Object.fromEntries(figures.current.foreignPhones)).toEqual({
      NO: { phones: 2, profiles: 2 },
      '??': { phones: 2, profiles: 2 },
      DK: { phones: 1, profiles: 1 },
    });
    const t = rows(table(sections(figures, 1), 'foreign_phones'));
    expect(t.map((r) => [r.country, r.phones, r.profiles])).toEqual([
      ['??', 2, 2],
      ['NO', 2, 2],
      ['DK', 1, 1],
    ]);
    expect(t.find((r) => r.country === 'NO')!.label).toBe('Norge');
    expect(t.map((r) => r.country)).not.toContain('SE');
  });
});

// --- --region ---------------------------------------------------------------------------------

describe('matchPoliceRegion', () => {
  const regions = ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'];

  it('folds case and diacritics', () => {
    expect(matchPoliceRegion('ost', regions)).toBe('Öst');
    expect(matchPoliceRegion('ÖST', regions)).toBe('Öst');
    expect(matchPoliceRegion('Öst', regions)).toBe('Öst');
    expect(matchPoliceRegion('vast', regions)).toBe('Väst');
    expect(matchPoliceRegion('VÄST', regions)).toBe('Väst');
    expect(matchPoliceRegion(' syd ', regions)).toBe('Syd');
    expect(matchPoliceRegion('bergslagen', regions)).toBe('Bergslagen');
    // Decomposed input (ö as o + combining diaeresis), as some terminals send it.
    expect(matchPoliceRegion('O\u0308st', regions)).toBe('Öst');
  });

  it('matches nothing that is not a whole region name', () => {
    expect(matchPoliceRegion('Narnia', regions)).toBeNull();
    expect(matchPoliceRegion('Sy', regions)).toBeNull();
    expect(matchPoliceRegion('', regions)).toBeNull();
    expect(matchPoliceRegion('Stockholms län', regions)).toBeNull();
  });
});
