// Every figure of a report, counted from its input: pure, so each can be checked against ground
// truth. Counts are exact here; hiding small counts is the tables' job (report-tables.ts), so the
// same suppression applies to every file written.

import type { ReportAlert, ReportInput, ReportRunData, ReportRunInfo, ReportSnapshot } from './report-input.ts';

export const AGE_BANDS = ['under-18', '18-23', '24-29', '30-35', '36-44', '45+', 'unknown'] as const;
export const GENDERS = ['woman', 'man', 'trans', 'couple', 'unknown'] as const;
export const SHARED_PHONE_THRESHOLDS = [2, 5, 10] as const;
/** Cluster sizes as the report groups them: [label, smallest, largest]. */
export const CLUSTER_SIZE_BUCKETS = [
  ['2', 2, 2],
  ['3-4', 3, 4],
  ['5-9', 5, 9],
  ['10-19', 10, 19],
  ['20+', 20, Infinity],
] as const;
/** A site with no group in the sites file is counted under this key. */
export const NO_GROUP = '';

export interface SiteFigures {
  siteId: string;
  status: string;
  profiles: number;
  /** Profiles with a stated age, a known gender, a place, at least one phone. */
  withAge: number;
  withGender: number;
  withLocation: number;
  withPhone: number;
}

export interface RunFigures {
  run: ReportRunInfo;
  sitesMapped: number;
  sitesWithProfiles: number;
  /** Site ids by how their mapping ended, when not `ok`. */
  sitesFailed: string[];
  sitesPartial: string[];
  sitesInterrupted: string[];
  profiles: number;
  distinctPhones: number;
  localityCount: number;
  municipalityCount: number;
  sites: Map<string, SiteFigures>;
  gender: Map<string, number>;
  ageBands: Map<string, number>;
  genderByGroup: Map<string, Map<string, number>>;
  ageByGroup: Map<string, Map<string, number>>;
  /** Key `${kommunCode}\t${locality}`: two places of one name in different municipalities stay apart. */
  localities: Map<string, number>;
  municipalities: Map<string, number>;
  counties: Map<string, number>;
  policeRegions: Map<string, number>;
  /** For each threshold: numbers shown on at least that many profiles, and the profiles showing one. */
  sharedPhones: { min: number; phones: number; profiles: number }[];
  clusters: { count: number; profiles: number; multiSite: number; multiRegion: number; sizes: Map<string, { clusters: number; profiles: number }> };
  /** Country (ISO; "??" unknown) → distinct numbers and profiles showing one; Sweden left out. */
  foreignPhones: Map<string, { phones: number; profiles: number }>;
  quality: { unresolvedLocations: number; noLocation: number; missingAge: number; unknownGender: number; noPhone: number; minorCues: number };
  alerts: ReportAlert[];
}

export interface ProfileChanges {
  /** In the report's run, not in the compared run, on a site read in full in both. */
  new: number;
  continued: number;
  /** In the compared run, not in the report's run, on a site read in full in both. */
  gone: number;
  /** On a site mapped only in the report's run / only in the compared run. */
  onOpenedSites: number;
  onClosedSites: number;
  /** In one run only, on a site not read in full in one of them: whether it is new or gone is unknown. */
  unknown: number;
}

export interface ComparisonFigures {
  changes: ProfileChanges;
  changesBySite: Map<string, ProfileChanges & { basis: 'both' | 'opened' | 'closed' | 'incomplete' }>;
  /** `${from}\t${to}` → profiles in both runs whose police region changed. */
  regionMoves: Map<string, number>;
  /** `${from}\t${to}` → clusters in both runs whose main police region changed. */
  clusterMoves: Map<string, number>;
}

export interface ReportFigures {
  region: string | null;
  current: RunFigures;
  compare: RunFigures | null;
  comparison: ComparisonFigures | null;
  /** Profiles per site in every run up to the report's, oldest first. */
  history: ReportInput['history'];
  sites: ReportInput['sites'];
}

const add = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

function nested(map: Map<string, Map<string, number>>, outer: string, inner: string): void {
  const m = map.get(outer) ?? new Map<string, number>();
  add(m, inner);
  map.set(outer, m);
}

const inRegion = (region: string | null) => (s: ReportSnapshot) => region === null || s.policeRegion === region;

function phoneFigures(snapshots: readonly ReportSnapshot[], countries: ReadonlyMap<number, string | null>) {
  const profilesPerPhone = new Map<number, number>();
  for (const s of snapshots) for (const id of s.phoneIds) add(profilesPerPhone, id);
  const sharedPhones = SHARED_PHONE_THRESHOLDS.map((min) => ({
    min,
    phones: [...profilesPerPhone.values()].filter((n) => n >= min).length,
    profiles: snapshots.filter((s) => s.phoneIds.some((id) => profilesPerPhone.get(id)! >= min)).length,
  }));
  const foreign = new Map<string, { phones: Set<number>; profiles: number }>();
  for (const s of snapshots) {
    const seen = new Set<string>();
    for (const id of s.phoneIds) {
      const country = countries.get(id) ?? '??';
      if (country === 'SE') continue;
      const entry = foreign.get(country) ?? { phones: new Set<number>(), profiles: 0 };
      entry.phones.add(id);
      if (!seen.has(country)) entry.profiles++;
      seen.add(country);
      foreign.set(country, entry);
    }
  }
  return {
    distinctPhones: profilesPerPhone.size,
    sharedPhones,
    foreignPhones: new Map([...foreign].map(([c, e]) => [c, { phones: e.phones.size, profiles: e.profiles }])),
  };
}

function clusterFigures(data: ReportRunData, region: string | null): RunFigures['clusters'] {
  const sizes = new Map(CLUSTER_SIZE_BUCKETS.map(([label]) => [label as string, { clusters: 0, profiles: 0 }]));
  const out = { count: 0, profiles: 0, multiSite: 0, multiRegion: 0, sizes };
  for (const c of data.clusters) {
    // In a regional report a cluster counts when any of its profiles is in the region, with the
    // profiles it has there; its size bucket stays that of the whole cluster, as the organisation
    // it indicates is that large.
    const profiles = region === null ? c.size : (c.regionCounts[region] ?? 0);
    if (profiles === 0) continue;
    out.count++;
    out.profiles += profiles;
    if (c.sites.length > 1) out.multiSite++;
    if (Object.keys(c.regionCounts).length > 1) out.multiRegion++;
    const [label] = CLUSTER_SIZE_BUCKETS.find(([, lo, hi]) => c.size >= lo && c.size <= hi)!;
    const bucket = sizes.get(label)!;
    bucket.clusters++;
    bucket.profiles += profiles;
  }
  return out;
}

export function runFigures(data: ReportRunData, countries: ReadonlyMap<number, string | null>, groups: ReadonlyMap<string, string | null>, region: string | null): RunFigures {
  const snapshots = data.snapshots.filter(inRegion(region));
  const sites = new Map<string, SiteFigures>(
    data.siteRuns.map((sr) => [sr.siteId, { siteId: sr.siteId, status: sr.status, profiles: 0, withAge: 0, withGender: 0, withLocation: 0, withPhone: 0 }]),
  );
  const gender = new Map<string, number>(GENDERS.map((g) => [g, 0]));
  const ageBands = new Map<string, number>(AGE_BANDS.map((b) => [b, 0]));
  const genderByGroup = new Map<string, Map<string, number>>();
  const ageByGroup = new Map<string, Map<string, number>>();
  const localities = new Map<string, number>();
  const municipalities = new Map<string, number>();
  const counties = new Map<string, number>();
  const policeRegions = new Map<string, number>();
  const quality = { unresolvedLocations: 0, noLocation: 0, missingAge: 0, unknownGender: 0, noPhone: 0, minorCues: 0 };

  for (const s of snapshots) {
    const site = sites.get(s.siteId)!;
    site.profiles++;
    if (s.hasAge) site.withAge++;
    if (s.gender !== 'unknown') site.withGender++;
    if (s.kommunCode) site.withLocation++;
    if (s.phoneIds.length > 0) site.withPhone++;
    add(gender, s.gender);
    add(ageBands, s.ageBand);
    const group = groups.get(s.siteId) ?? NO_GROUP;
    nested(genderByGroup, group, s.gender);
    nested(ageByGroup, group, s.ageBand);
    if (s.locality && s.kommunCode) add(localities, `${s.kommunCode}\t${s.locality}`);
    if (s.kommunCode) add(municipalities, s.kommunCode);
    if (s.lanCode) add(counties, s.lanCode);
    if (s.policeRegion) add(policeRegions, s.policeRegion);
    if (s.locationUnresolved) quality.unresolvedLocations++;
    else if (!s.kommunCode) quality.noLocation++;
    if (!s.hasAge) quality.missingAge++;
    if (s.gender === 'unknown') quality.unknownGender++;
    if (s.phoneIds.length === 0) quality.noPhone++;
    if (s.minorCue) quality.minorCues++;
  }
  const byStatus = (status: string) => data.siteRuns.filter((sr) => sr.status === status).map((sr) => sr.siteId);
  return {
    run: data.run,
    sitesMapped: data.siteRuns.length,
    sitesWithProfiles: [...sites.values()].filter((s) => s.profiles > 0).length,
    sitesFailed: byStatus('failed'),
    sitesPartial: byStatus('partial'),
    sitesInterrupted: [...byStatus('interrupted'), ...byStatus('running'), ...byStatus('queued')],
    profiles: snapshots.length,
    localityCount: localities.size,
    municipalityCount: municipalities.size,
    sites,
    gender,
    ageBands,
    genderByGroup,
    ageByGroup,
    localities,
    municipalities,
    counties,
    policeRegions,
    ...phoneFigures(snapshots, countries),
    clusters: clusterFigures(data, region),
    quality,
    alerts: region === null ? data.alerts : data.alerts.filter((a) => a.siteId === null || sites.has(a.siteId)),
  };
}

function basisOf(from: string | undefined, to: string | undefined): 'both' | 'opened' | 'closed' | 'incomplete' {
  if (from === undefined) return 'opened';
  if (to === undefined) return 'closed';
  return from === 'ok' && to === 'ok' ? 'both' : 'incomplete';
}

const emptyChanges = (): ProfileChanges => ({ new: 0, continued: 0, gone: 0, onOpenedSites: 0, onClosedSites: 0, unknown: 0 });

/** The main police region of a cluster: where most of its profiles are (ties: the first by name). */
function mainRegion(counts: Record<string, number>): string | null {
  let best: string | null = null;
  for (const [region, n] of Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) if (best === null || n > counts[best]!) best = region;
  return best;
}

/**
 * How the report's run differs from the compared one. In a regional report a profile is counted
 * where it is in the report's run (new, continued) or was in the compared run (gone); a profile
 * that crossed the region's border is a move, not new or gone.
 */
export function comparisonFigures(current: ReportRunData, compare: ReportRunData, region: string | null): ComparisonFigures {
  const before = new Map(compare.snapshots.map((s) => [s.profileId, s]));
  const after = new Map(current.snapshots.map((s) => [s.profileId, s]));
  const fromStatus = new Map(compare.siteRuns.map((sr) => [sr.siteId, sr.status]));
  const toStatus = new Map(current.siteRuns.map((sr) => [sr.siteId, sr.status]));
  const siteIds = [...new Set([...fromStatus.keys(), ...toStatus.keys()])].sort();
  const changesBySite = new Map(siteIds.map((id) => [id, { ...emptyChanges(), basis: basisOf(fromStatus.get(id), toStatus.get(id)) }]));
  const changes = emptyChanges();
  const count = (siteId: string, field: keyof ProfileChanges) => {
    changes[field]++;
    changesBySite.get(siteId)![field]++;
  };
  const regionOk = inRegion(region);

  for (const [id, now] of after) {
    const old = before.get(id);
    if (old) {
      if (regionOk(now)) count(now.siteId, 'continued');
      continue;
    }
    if (!regionOk(now)) continue;
    const basis = changesBySite.get(now.siteId)!.basis;
    count(now.siteId, basis === 'both' ? 'new' : basis === 'opened' ? 'onOpenedSites' : 'unknown');
  }
  for (const [id, old] of before) {
    if (after.has(id) || !regionOk(old)) continue;
    const basis = changesBySite.get(old.siteId)!.basis;
    count(old.siteId, basis === 'both' ? 'gone' : basis === 'closed' ? 'onClosedSites' : 'unknown');
  }

  const regionMoves = new Map<string, number>();
  for (const [id, now] of after) {
    const old = before.get(id);
    if (!old?.policeRegion || !now.policeRegion || old.policeRegion === now.policeRegion) continue;
    if (region !== null && old.policeRegion !== region && now.policeRegion !== region) continue;
    add(regionMoves, `${old.policeRegion}\t${now.policeRegion}`);
  }
  const clusterMoves = new Map<string, number>();
  const earlierClusters = new Map(compare.clusters.map((c) => [c.clusterId, c]));
  for (const c of current.clusters) {
    const old = earlierClusters.get(c.clusterId);
    if (!old) continue;
    const from = mainRegion(old.regionCounts);
    const to = mainRegion(c.regionCounts);
    if (!from || !to || from === to) continue;
    if (region !== null && from !== region && to !== region) continue;
    add(clusterMoves, `${from}\t${to}`);
  }
  return { changes, changesBySite, regionMoves, clusterMoves };
}

export function reportFigures(input: ReportInput, region: string | null): ReportFigures {
  const groups = new Map([...input.sites].map(([id, s]) => [id, s.group]));
  return {
    region,
    current: runFigures(input.current, input.phoneCountries, groups, region),
    compare: input.compare ? runFigures(input.compare, input.phoneCountries, groups, region) : null,
    comparison: input.compare ? comparisonFigures(input.current, input.compare, region) : null,
    history: input.history,
    sites: input.sites,
  };
}
