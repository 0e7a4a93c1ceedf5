// Reads over stored runs: listings for `kartla runs`, run lookup, phone statistics, export.

import type { ExportRecord } from '../model/export-record.ts';
import type { AgeBand, Gender } from '../model/profile.ts';
import { Prisma, type MappingRun, type SiteRun } from '../generated/prisma/client.ts';
import type { Database } from './database.ts';
import type { IdentifierCipher } from '../secure/identifier-cipher.ts';
import { InvalidRunRefError, NoEarlierRunError, NoRunsError, RunNotFoundError } from './errors.ts';
import type { RunStatus } from './run-store.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface RunSummary {
  id: number;
  label: string | null;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** Site runs of the run, whatever their status. */
  sites: number;
  sitesOk: number;
  sitesPartial: number;
  sitesFailed: number;
  /** Site runs cut short (Ctrl-C, crash) or still running. */
  sitesInterrupted: number;
  /** Profiles stored in the run (snapshots; a profile counts once however often it was listed). */
  profiles: number;
  pages: number;
  errors: number;
}

/** The most recent runs first. */
export async function listRuns(db: Db, opts: { limit?: number } = {}): Promise<RunSummary[]> {
  const limit = Math.max(1, Math.floor(opts.limit ?? 20));
  // Counts come from subqueries per run rather than one join, which would multiply site runs by snapshots.
  const rows = await db.prisma.$queryRaw<
    {
      id: number;
      label: string | null;
      status: RunStatus;
      started_at: Date;
      finished_at: Date | null;
      sites: number;
      sites_ok: number;
      sites_partial: number;
      sites_failed: number;
      sites_interrupted: number;
      pages: number;
      errors: number;
      profiles: number;
    }[]
  >`
    SELECT r.id, r.label, r.status::text AS status, r.started_at, r.finished_at,
           COALESCE(sr.sites, 0) AS sites, COALESCE(sr.sites_ok, 0) AS sites_ok,
           COALESCE(sr.sites_partial, 0) AS sites_partial, COALESCE(sr.sites_failed, 0) AS sites_failed,
           COALESCE(sr.sites_interrupted, 0) AS sites_interrupted,
           COALESCE(sr.pages, 0) AS pages, COALESCE(sr.errors, 0) AS errors,
           (SELECT count(*)::int FROM profile_snapshot s WHERE s.run_id = r.id) AS profiles
      FROM mapping_run r
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS sites,
               (count(*) FILTER (WHERE status = 'ok'))::int AS sites_ok,
               (count(*) FILTER (WHERE status = 'partial'))::int AS sites_partial,
               (count(*) FILTER (WHERE status = 'failed'))::int AS sites_failed,
               (count(*) FILTER (WHERE status IN ('interrupted', 'running')))::int AS sites_interrupted,
               sum(pages_fetched)::int AS pages,
               sum(error_count)::int AS errors
          FROM site_run WHERE run_id = r.id
      ) sr ON true
     ORDER BY r.started_at DESC, r.id DESC
     LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    sites: r.sites,
    sitesOk: r.sites_ok,
    sitesPartial: r.sites_partial,
    sitesFailed: r.sites_failed,
    sitesInterrupted: r.sites_interrupted,
    profiles: r.profiles,
    pages: r.pages,
    errors: r.errors,
  }));
}

const MAX_INT4 = 2_147_483_647;

/** `latest` (the most recently started run) or a run id, checked to exist. */
export async function resolveRunId(db: Db, ref: string): Promise<number> {
  const text = ref.trim();
  if (text.toLowerCase() === 'latest') {
    const latest = await db.prisma.mappingRun.findFirst({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    if (!latest) throw new NoRunsError();
    return latest.id;
  }
  if (!/^\d+$/.test(text)) throw new InvalidRunRefError(ref);
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id > MAX_INT4) throw new RunNotFoundError(id);
  const run = await db.prisma.mappingRun.findUnique({ where: { id }, select: { id: true } });
  if (!run) throw new RunNotFoundError(id);
  return id;
}

/** The finished (not running) run started most recently before run `runId`. */
export async function previousRunId(db: Db, runId: number): Promise<number> {
  const run = await db.prisma.mappingRun.findUnique({ where: { id: runId }, select: { startedAt: true } });
  if (!run) throw new RunNotFoundError(runId);
  const earlier = await db.prisma.mappingRun.findFirst({
    where: {
      status: { not: 'running' },
      OR: [{ startedAt: { lt: run.startedAt } }, { startedAt: run.startedAt, id: { lt: runId } }],
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    select: { id: true },
  });
  if (!earlier) throw new NoEarlierRunError(runId);
  return earlier.id;
}

export type RunDetail = MappingRun & { siteRuns: SiteRun[] };

/** A run with its site runs (ordered by site id). */
export async function getRun(db: Db, id: number): Promise<RunDetail> {
  const run = await db.prisma.mappingRun.findUnique({ where: { id }, include: { siteRuns: { orderBy: { siteId: 'asc' } } } });
  if (!run) throw new RunNotFoundError(id);
  return { ...run, siteRuns: run.siteRuns.map((sr) => ({ ...sr, errors: openErrors(db, sr.errors) })) };
}

/** Site-run error records as written: `{url, reason, kind}`, the sealed part decrypted (null once purged). */
function openErrors(db: Db, errors: unknown): Prisma.JsonArray {
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    const { kind, sealed } = (e ?? {}) as { kind?: string; sealed?: string };
    const open = typeof sealed === 'string' ? (JSON.parse(db.cipher.decrypt(sealed)) as { url: string; reason: string }) : { url: null, reason: null };
    return { url: open.url, reason: open.reason, kind: kind ?? null };
  });
}

export interface RunPhoneStats {
  /** Distinct phone numbers in the run, all sites together. */
  totalPhones: number;
  /** Distinct phone numbers per site of the run (sites without phones included, with 0). */
  perSite: { siteId: string; phones: number }[];
  /** Numbers that appear on two or more profiles in the run (same site or not). */
  sharedPhones: number;
}

export async function runPhoneStats(db: Db, runId: number): Promise<RunPhoneStats> {
  const perSite = await db.prisma.$queryRaw<{ site_id: string; phones: number }[]>`
    SELECT sr.site_id, count(DISTINCT sp.phone_id)::int AS phones
      FROM site_run sr
      LEFT JOIN profile_snapshot s ON s.site_run_id = sr.id
      LEFT JOIN snapshot_phone sp ON sp.snapshot_id = s.id
     WHERE sr.run_id = ${runId}
     GROUP BY sr.site_id
     ORDER BY sr.site_id COLLATE "C"`;
  // A run has one snapshot per profile, so snapshots per number = profiles per number.
  const totals = await db.prisma.$queryRaw<{ total: number; shared: number }[]>`
    SELECT count(*)::int AS total, (count(*) FILTER (WHERE n >= 2))::int AS shared
      FROM (SELECT sp.phone_id, count(*) AS n
              FROM snapshot_phone sp JOIN profile_snapshot s ON s.id = sp.snapshot_id
             WHERE s.run_id = ${runId}
             GROUP BY sp.phone_id) per_phone`;
  return {
    totalPhones: totals[0]?.total ?? 0,
    perSite: perSite.map((r) => ({ siteId: r.site_id, phones: r.phones })),
    sharedPhones: totals[0]?.shared ?? 0,
  };
}

interface ExportRow {
  id: number;
  site_id: string;
  url: string | null;
  external_id: string | null;
  observed_at: Date;
  stated_age: number | null;
  age_band: string;
  minor_cue: boolean;
  gender: string | null;
  locality: string | null;
  kommun_code: string | null;
  lan_code: string | null;
  police_region: string | null;
  lat: number | null;
  lon: number | null;
  phones: { hash: string; enc: string | null }[] | null;
  first_seen_at: Date;
  last_seen_at: Date;
  cluster_id: number | null;
  contacts: { kind: string; hash: string; enc: string | null }[] | null;
  combined_cluster_id: number | null;
}

function toExportRecord(r: ExportRow, cipher: IdentifierCipher, reveal: boolean): ExportRecord {
  // Every key of the contract, in its order, null rather than missing. Without reveal, numbers and
  // contacts are their keyed hashes (stable within this installation) and the URL is left out.
  return {
    site: r.site_id,
    url: reveal ? cipher.open(r.url) : null,
    externalId: r.external_id ?? null,
    observedAt: r.observed_at.toISOString(),
    age: r.stated_age ?? null,
    gender: (r.gender as Gender | null) ?? null,
    locality: r.locality ?? null,
    kommunCode: r.kommun_code ?? null,
    lanCode: r.lan_code ?? null,
    policeRegion: r.police_region ?? null,
    phones: (r.phones ?? []).map((p) => (reveal ? (cipher.open(p.enc) ?? `hash:${p.hash}`) : `hash:${p.hash}`)).sort(),
    clusterId: r.cluster_id === null ? null : String(r.cluster_id),
    firstSeen: r.first_seen_at.toISOString(),
    lastSeen: r.last_seen_at.toISOString(),
    ageBand: r.age_band as AgeBand,
    minorCue: r.minor_cue,
    lat: r.lat ?? null,
    lon: r.lon ?? null,
    contacts: (r.contacts ?? []).map((c) => `${c.kind}:${reveal ? (cipher.open(c.enc) ?? `hash:${c.hash}`) : `hash:${c.hash}`}`).sort(),
    combinedClusterId: r.combined_cluster_id === null ? null : String(r.combined_cluster_id),
  };
}

/**
 * One record per snapshot of the run, ordered by site and then in the order the profiles were
 * stored (URLs are encrypted, so they give no order), read in pages (keyset on the snapshot id)
 * so that a large run is never in memory at once. `reveal` decrypts numbers, contacts and URLs;
 * without it they are keyed hashes and the URL is null.
 */
export async function* exportRecords(
  db: Db,
  runId: number,
  opts: { batchSize?: number; reveal?: boolean } = {},
): AsyncGenerator<ExportRecord> {
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 1000));
  const reveal = opts.reveal ?? false;
  const run = await db.prisma.mappingRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new RunNotFoundError(runId);

  // A site run holds exactly one site's snapshots: paging site run by site run lets each page
  // be one range of the (site_run_id, id) index.
  const siteRuns = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM site_run WHERE run_id = ${runId} ORDER BY site_id`;

  for (const siteRun of siteRuns) {
    let after = 0;
    for (;;) {
      const rows: ExportRow[] = await db.prisma.$queryRaw<ExportRow[]>`
        SELECT s.id, p.site_id, s.url_enc AS url, p.external_id, s.observed_at, s.stated_age, s.age_band, s.minor_cue,
               s.gender::text AS gender, s.locality, s.kommun_code, s.lan_code, s.police_region, s.lat, s.lon,
               p.first_seen_at, p.last_seen_at,
               ARRAY(SELECT jsonb_build_object('hash', ph.hash, 'enc', ph.e164_enc) FROM snapshot_phone sp JOIN phone ph ON ph.id = sp.phone_id
                      WHERE sp.snapshot_id = s.id) AS phones,
               ARRAY(SELECT jsonb_build_object('kind', c.kind::text, 'hash', c.hash, 'enc', c.value_enc) FROM snapshot_contact sc JOIN contact c ON c.id = sc.contact_id
                      WHERE sc.snapshot_id = s.id) AS contacts,
               cm.cluster_id, cc.cluster_id AS combined_cluster_id
          FROM profile_snapshot s JOIN profile p ON p.id = s.profile_id
          LEFT JOIN cluster_member cm ON cm.run_id = s.run_id AND cm.view = 'phone' AND cm.profile_id = s.profile_id
          LEFT JOIN cluster_member cc ON cc.run_id = s.run_id AND cc.view = 'combined' AND cc.profile_id = s.profile_id
         WHERE s.site_run_id = ${siteRun.id} AND s.id > ${after}
         ORDER BY s.id
         LIMIT ${batchSize}`;
      for (const row of rows) yield toExportRecord(row, db.cipher, reveal);
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) break;
      after = last.id;
    }
  }
}

export interface RunFieldStats {
  profiles: number;
  /** Location text present but no place found: counted, never guessed. */
  unresolvedLocations: number;
  /** Profiles with a minor cue, for a human to review. */
  minorCues: number;
  unknownAge: number;
  unknownGender: number;
}

/** How much of a run the normalisers could read, for the summary at the end of a run. */
export async function runFieldStats(db: Db, runId: number): Promise<RunFieldStats> {
  const [row] = await db.prisma.$queryRaw<
    { profiles: bigint; unresolved: bigint; minor: bigint; unknown_age: bigint; unknown_gender: bigint }[]
  >`
    SELECT count(*) AS profiles,
           count(*) FILTER (WHERE location_unresolved) AS unresolved,
           count(*) FILTER (WHERE minor_cue) AS minor,
           count(*) FILTER (WHERE stated_age IS NULL) AS unknown_age,
           count(*) FILTER (WHERE gender = 'unknown') AS unknown_gender
      FROM profile_snapshot WHERE run_id = ${runId}`;
  return {
    profiles: Number(row?.profiles ?? 0),
    unresolvedLocations: Number(row?.unresolved ?? 0),
    minorCues: Number(row?.minor ?? 0),
    unknownAge: Number(row?.unknown_age ?? 0),
    unknownGender: Number(row?.unknown_gender ?? 0),
  };
}
