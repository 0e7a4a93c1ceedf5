// Reads a report's input from the database: one query per kind of fact, aggregates where the
// database can count, one compact row per snapshot where the report needs to cross facts (phones
// shared between profiles, profiles present in both runs). Nothing encrypted is read or opened.

import type { Database } from '../store/database.ts';
import type { ClusterFacts } from '../cluster/facts.ts';
import type { ReportAlert, ReportCluster, ReportHistoryPoint, ReportInput, ReportRunData, ReportRunInfo, ReportSiteRun, ReportSnapshot } from './report-input.ts';

type Db = Pick<Database, 'prisma'>;

interface RunRow {
  id: number;
  label: string | null;
  status: string;
  started_at: Date;
  finished_at: Date | null;
}

const runInfo = (r: RunRow): ReportRunInfo => ({
  id: r.id,
  label: r.label,
  status: r.status,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
});

async function readRun(db: Db, runId: number): Promise<ReportRunData> {
  const [run] = await db.prisma.$queryRaw<RunRow[]>`
    SELECT id, label, status::text AS status, started_at, finished_at FROM mapping_run WHERE id = ${runId}`;
  if (!run) throw new Error(`run ${runId} vanished while the report was read`);
  const siteRuns = await db.prisma.$queryRaw<
    { site_id: string; name: string; group_name: string | null; status: string; profiles_found: number; pages_fetched: number; error_count: number }[]
  >`
    SELECT sr.site_id, s.name, s.group_name, sr.status::text AS status, sr.profiles_found, sr.pages_fetched, sr.error_count
      FROM site_run sr JOIN site s ON s.id = sr.site_id
     WHERE sr.run_id = ${runId}
     ORDER BY sr.site_id COLLATE "C"`;
  const snapshots = await db.prisma.$queryRaw<
    {
      profile_id: number;
      site_id: string;
      gender: string;
      age_band: string;
      has_age: boolean;
      locality: string | null;
      kommun_code: string | null;
      lan_code: string | null;
      police_region: string | null;
      location_unresolved: boolean;
      minor_cue: boolean;
      phone_ids: number[] | null;
    }[]
  >`
    SELECT s.profile_id, p.site_id, s.gender::text AS gender, s.age_band, s.stated_age IS NOT NULL AS has_age,
           s.locality, s.kommun_code, s.lan_code, s.police_region, s.location_unresolved, s.minor_cue,
           (SELECT array_agg(sp.phone_id ORDER BY sp.phone_id) FROM snapshot_phone sp WHERE sp.snapshot_id = s.id) AS phone_ids
      FROM profile_snapshot s JOIN profile p ON p.id = s.profile_id
     WHERE s.run_id = ${runId}
     ORDER BY s.profile_id`;
  const clusters = await db.prisma.$queryRaw<{ cluster_id: number; size: number; facts: ClusterFacts }[]>`
    SELECT cluster_id, size, facts FROM cluster_run
     WHERE run_id = ${runId} AND view = 'phone' AND size >= 2
     ORDER BY cluster_id`;
  const alerts = await db.prisma.$queryRaw<{ site_id: string | null; kind: string; severity: string; message: string }[]>`
    SELECT site_id, kind, severity, message FROM alert WHERE run_id = ${runId} ORDER BY id`;
  return {
    run: runInfo(run),
    siteRuns: siteRuns.map(
      (r): ReportSiteRun => ({
        siteId: r.site_id,
        siteName: r.name,
        group: r.group_name,
        status: r.status,
        profilesFound: r.profiles_found,
        pagesFetched: r.pages_fetched,
        errorCount: r.error_count,
      }),
    ),
    snapshots: snapshots.map(
      (r): ReportSnapshot => ({
        profileId: r.profile_id,
        siteId: r.site_id,
        gender: r.gender,
        ageBand: r.age_band,
        hasAge: r.has_age,
        locality: r.locality,
        kommunCode: r.kommun_code,
        lanCode: r.lan_code,
        policeRegion: r.police_region,
        locationUnresolved: r.location_unresolved,
        minorCue: r.minor_cue,
        phoneIds: (r.phone_ids ?? []).map(Number),
      }),
    ),
    clusters: clusters.map(
      (r): ReportCluster => ({ clusterId: r.cluster_id, size: r.size, sites: r.facts.sites ?? [], regionCounts: r.facts.regionCounts ?? {} }),
    ),
    alerts: alerts.map((r): ReportAlert => ({ siteId: r.site_id, kind: r.kind, severity: r.severity, message: r.message })),
  };
}

/** Profiles per site in every finished run up to `upTo` (included), counted in `region` when one is given. */
async function readHistory(db: Db, upTo: ReportRunInfo, region: string | null): Promise<ReportHistoryPoint[]> {
  const runs = await db.prisma.$queryRaw<RunRow[]>`
    SELECT id, label, status::text AS status, started_at, finished_at FROM mapping_run
     WHERE status NOT IN ('queued', 'running') AND (started_at < ${new Date(upTo.startedAt)} OR id = ${upTo.id})
     ORDER BY started_at, id`;
  const counts = await db.prisma.$queryRaw<{ run_id: number; site_id: string; status: string; profiles: number }[]>`
    SELECT sr.run_id, sr.site_id, sr.status::text AS status,
           (SELECT count(*)::int FROM profile_snapshot s
             WHERE s.site_run_id = sr.id AND (${region}::text IS NULL OR s.police_region = ${region}::text)) AS profiles
      FROM site_run sr
     WHERE sr.run_id = ANY(${runs.map((r) => r.id)}::int[])
     ORDER BY sr.run_id, sr.site_id COLLATE "C"`;
  const byRun = new Map<number, ReportHistoryPoint['sites']>();
  for (const c of counts) {
    const list = byRun.get(c.run_id) ?? [];
    list.push({ siteId: c.site_id, status: c.status, profiles: c.profiles });
    byRun.set(c.run_id, list);
  }
  return runs.map((r) => ({ run: runInfo(r), sites: byRun.get(r.id) ?? [] }));
}

async function readPhoneCountries(db: Db, runIds: number[]): Promise<Map<number, string | null>> {
  const rows = await db.prisma.$queryRaw<{ id: number; country: string | null }[]>`
    SELECT DISTINCT ph.id, ph.country
      FROM phone ph JOIN snapshot_phone sp ON sp.phone_id = ph.id JOIN profile_snapshot s ON s.id = sp.snapshot_id
     WHERE s.run_id = ANY(${runIds}::int[])`;
  return new Map(rows.map((r) => [r.id, r.country]));
}

async function readSites(db: Db): Promise<Map<string, { name: string; group: string | null }>> {
  const rows = await db.prisma.$queryRaw<{ id: string; name: string; group_name: string | null }[]>`
    SELECT id, name, group_name FROM site ORDER BY id COLLATE "C"`;
  return new Map(rows.map((r) => [r.id, { name: r.name, group: r.group_name }]));
}

export async function loadReportInput(db: Db, opts: { runId: number; compareRunId: number | null; region: string | null }): Promise<ReportInput> {
  const current = await readRun(db, opts.runId);
  const compare = opts.compareRunId === null ? null : await readRun(db, opts.compareRunId);
  return {
    current,
    compare,
    phoneCountries: await readPhoneCountries(db, compare ? [current.run.id, compare.run.id] : [current.run.id]),
    history: await readHistory(db, current.run, opts.region),
    sites: await readSites(db),
  };
}
