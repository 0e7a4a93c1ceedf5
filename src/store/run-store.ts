// The writes of a mapping run's life: sites, the run, its site runs, the snapshots, the end.
//
// Invariants kept here:
// - a snapshot is written with all its phones or not at all (one transaction per batch);
// - a run or site run that is no longer `running` never takes new data;
// - a profile appears at most once per run (the first observation wins).

import type { NormalisedProfile } from '../model/profile.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { storable, storableJson } from './storable-json.ts';
import { contactLinkRows, linkContacts, type ContactLinkRow } from './contact-store.ts';
import { profileUrlKey } from './legacy-identifiers.ts';
import type { IdentifierCipher } from '../secure/identifier-cipher.ts';
import { runLeases, type Database } from './database.ts';
import { RunContextError, RunNotFoundError, RunNotWritableError } from './errors.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;
type Tx = Prisma.TransactionClient;

export type RunStatus = 'queued' | 'running' | 'completed' | 'partial' | 'failed' | 'interrupted';
export type FinalRunStatus = Exclude<RunStatus, 'running' | 'queued'>;
export type FinalSiteRunStatus = 'ok' | 'partial' | 'failed' | 'interrupted';

export interface SiteRunError {
  url: string;
  reason: string;
  kind: string;
}

export interface SiteRunResult {
  status: FinalSiteRunStatus;
  pagesFetched: number;
  profilesFound: number;
  /** All errors of the site run; `errors` may hold only some of them. */
  errorCount: number;
  errors: SiteRunError[];
  failureReason?: string | null;
  durationMs: number;
}

// A batch is one transaction; on PGlite it also holds the only connection, so other writers wait
// for it (maxWait) and a big batch on a slow disk needs more than Prisma's 5 s default (timeout).
const BATCH_TRANSACTION = { maxWait: 60_000, timeout: 300_000 } as const;

// Site runs keep a bounded sample of their errors; errorCount has the full count.
export const MAX_STORED_ERRORS = 200;

/** Inserts sites, or renames (and regroups) those that exist. */
export async function upsertSites(db: Db, sites: { id: string; name: string; group?: string | null | undefined }[]): Promise<void> {
  const byId = new Map(sites.map((s) => [s.id, { id: s.id, name: s.name, group: s.group ?? null }]));
  if (byId.size === 0) return;
  // One statement; sorted so that concurrent callers lock rows in the same order.
  const rows = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await db.prisma.$executeRaw`
    INSERT INTO site (id, name, group_name, created_at)
    SELECT s.id, s.name, s.group, ${new Date()}
      FROM jsonb_to_recordset(${storableJson(rows)}::jsonb) AS s(id text, name text, "group" text)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, group_name = EXCLUDED.group_name`;
}

/**
 * Creates a run in status `running`. Call markStaleRunsInterrupted first, so that runs of a
 * crashed process do not stay `running` for ever.
 */
export async function startRun(
  db: Db,
  opts: { label?: string | null; options?: object } = {},
): Promise<{ id: number; startedAt: Date }> {
  const leases = runLeases(db);
  // The lease is taken before the run is visible to others, so that no concurrent
  // markStaleRunsInterrupted can see it without an owner.
  return db.prisma.$transaction(async (tx) => {
    const run = await tx.mappingRun.create({
      // Explicit times: a database default would be the server's local time on a server not in UTC.
      data: {
        label: opts.label ?? null,
        options: (opts.options ?? {}) as Prisma.InputJsonObject,
        status: 'running',
        startedAt: new Date(),
      },
      select: { id: true, startedAt: true },
    });
    await leases.hold(run.id);
    return run;
  });
}

/** Locks the run against finishing while we write into it, and checks that it is still running. */
async function lockRunningRun(tx: Tx, runId: number): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM mapping_run WHERE id = ${runId} FOR SHARE`;
  const run = rows[0];
  if (!run) throw new RunNotFoundError(runId);
  if (run.status !== 'running') throw new RunNotWritableError(runId, run.status);
}

export async function startSiteRun(db: Db, runId: number, siteId: string): Promise<{ id: number }> {
  return db.prisma.$transaction(async (tx) => {
    await lockRunningRun(tx, runId);
    const site = await tx.site.findUnique({ where: { id: siteId }, select: { id: true } });
    if (!site) throw new RunContextError(`Unknown site "${siteId}": call upsertSites() before startSiteRun().`);
    const existing = await tx.siteRun.findUnique({ where: { runId_siteId: { runId, siteId } }, select: { id: true } });
    if (existing) {
      throw new RunContextError(`Site "${siteId}" already has site run ${existing.id} in run ${runId}; a site is mapped once per run.`);
    }
    return tx.siteRun.create({ data: { runId, siteId, startedAt: new Date() }, select: { id: true } });
  }, BATCH_TRANSACTION);
}

/** What takeSiteRun found: the site run to crawl into, or one that has already ended. */
export interface TakenSiteRun {
  id: number;
  /** How many times the site run has been taken up, this time included. */
  attempts: number;
  /** Set when the site run had already ended (a job taken up again after its result was stored). */
  finished: FinalSiteRunStatus | null;
}

/**
 * Takes up the site run of a site in a run: creates it, or takes over the one a queued job, an
 * earlier attempt or a crashed worker left ((run_id, site_id) is unique), counts the attempt and
 * sets it `running`. A `queued` run becomes `running` here, when its first site starts. A site run
 * that has already ended is returned as it is, untouched.
 */
export async function takeSiteRun(db: Db, runId: number, siteId: string): Promise<TakenSiteRun> {
  return db.prisma.$transaction(async (tx) => {
    // Only a queued run is locked for the update; a running one is shared with its writers.
    await tx.$executeRaw`UPDATE mapping_run SET status = 'running' WHERE id = ${runId} AND status = 'queued'`;
    await lockRunningRun(tx, runId);
    const site = await tx.site.findUnique({ where: { id: siteId }, select: { id: true } });
    if (!site) throw new RunContextError(`Unknown site "${siteId}": call upsertSites() before takeSiteRun().`);
    const existing = await tx.siteRun.findUnique({ where: { runId_siteId: { runId, siteId } }, select: { id: true, status: true, attempts: true } });
    if (existing && existing.status !== 'queued' && existing.status !== 'running') {
      return { id: existing.id, attempts: existing.attempts, finished: existing.status as FinalSiteRunStatus };
    }
    const taken = existing
      ? await tx.siteRun.update({
          where: { id: existing.id },
          data: { status: 'running', startedAt: new Date(), attempts: { increment: 1 } },
          select: { id: true, attempts: true },
        })
      : await tx.siteRun.create({ data: { runId, siteId, startedAt: new Date(), attempts: 1 }, select: { id: true, attempts: true } });
    return { ...taken, finished: null };
  }, BATCH_TRANSACTION);
}

/**
 * Creates a run in status `queued` with one `queued` site run per site (the queue path). No
 * lease is taken: the queue, not a process, owns it, so markStaleRunsInterrupted leaves it alone.
 */
export async function createQueuedRun(
  db: Db,
  opts: { label?: string | null; options?: object; siteIds: readonly string[] },
): Promise<{ id: number; startedAt: Date; siteRuns: { id: number; siteId: string }[] }> {
  return db.prisma.$transaction(async (tx) => {
    const run = await tx.mappingRun.create({
      data: {
        label: opts.label ?? null,
        options: { ...(opts.options ?? {}), queue: true } as Prisma.InputJsonObject,
        status: 'queued',
        startedAt: new Date(),
      },
      select: { id: true, startedAt: true },
    });
    const siteRuns = [];
    for (const siteId of opts.siteIds) {
      siteRuns.push(await tx.siteRun.create({ data: { runId: run.id, siteId, status: 'queued', startedAt: new Date() }, select: { id: true, siteId: true } }));
    }
    return { ...run, siteRuns };
  }, BATCH_TRANSACTION);
}

/**
 * Puts a site run back in the queue after a failed attempt that will be retried; the reason of
 * the failure stays readable meanwhile. Snapshots it wrote stay: the retry does not write them twice.
 */
export async function requeueSiteRun(db: Db, siteRunId: number, reason: string): Promise<void> {
  await db.prisma.siteRun.updateMany({
    where: { id: siteRunId, status: 'running' },
    data: { status: 'queued', failureReason: storable(reason) },
  });
}

/**
 * Site runs of a run that never recorded an end (their job failed before it could, or vanished)
 * become `failed` with the given reason. Call before finishRun on the queue path.
 */
export async function failUnfinishedSiteRuns(db: Db, runId: number, reasons: ReadonlyMap<string, string>, fallback: string): Promise<number> {
  const open = await db.prisma.siteRun.findMany({ where: { runId, status: { in: ['queued', 'running'] } }, select: { id: true, siteId: true, failureReason: true } });
  const at = new Date();
  for (const sr of open) {
    const reason = reasons.get(sr.siteId) ?? sr.failureReason ?? fallback;
    await db.prisma.siteRun.updateMany({
      where: { id: sr.id, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', finishedAt: at, failureReason: storable(reason) },
    });
  }
  return open.length;
}

/** How many profiles a site run stored: what its snapshots say, however many attempts wrote them. */
export async function countSiteRunSnapshots(db: Db, siteRunId: number): Promise<number> {
  return db.prisma.profileSnapshot.count({ where: { siteRunId } });
}

export interface SnapshotContext {
  runId: number;
  siteRunId: number;
  siteId: string;
}

function sortedByKey<T extends { key: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Stores one batch of profiles of one site run, in ONE transaction: profiles upserted
 * (first/last seen), phones upserted, one snapshot per profile with its phones. A profile that
 * already has a snapshot in this run, or comes twice in the batch, is a duplicate and is skipped.
 */
export async function writeSnapshots(
  db: Db,
  ctx: SnapshotContext,
  profiles: NormalisedProfile[],
): Promise<{ written: number; duplicates: number }> {
  // The first observation of a key in the batch wins, as across batches.
  const unique = new Map<string, NormalisedProfile>();
  for (const p of profiles) {
    if (p.siteId !== ctx.siteId) {
      throw new RunContextError(`Profile ${p.url} belongs to site "${p.siteId}", not to "${ctx.siteId}" of site run ${ctx.siteRunId}.`);
    }
    if (!unique.has(p.key)) unique.set(p.key, p);
  }

  const { cipher } = db;
  const profileRows = sortedByKey(
    [...unique.values()].map((p) => ({
      // A profile known only by its URL is keyed by the URL's keyed hash: the key is stored in clear.
      key: p.key.startsWith('url:') ? profileUrlKey(db, p.key.slice(4)) : p.key,
      url: cipher.encrypt(p.url),
      external_id: p.externalId,
      observed_at: p.observedAt.toISOString(),
      ...normalisedColumns(p),
      description_hash: p.descriptionHash,
      raw_fields: p.rawFields ?? {},
      raw_text: p.rawText ?? {},
      raw_phones: cipher.encrypt(JSON.stringify(p.rawPhones ?? [])),
      raw_contacts: cipher.encrypt(JSON.stringify(p.rawContacts ?? [])),
      photo_hash: p.photoHash ?? null,
      field_sources: p.fieldSources ?? null,
    })),
  );

  return db.prisma.$transaction(async (tx) => {
    await checkWritable(tx, ctx);
    if (profileRows.length === 0) return { written: 0, duplicates: profiles.length };

    // Profiles and their snapshots in one statement. `already` skips keys snapshotted by an
    // earlier batch of this run; ON CONFLICT DO NOTHING covers a concurrent writer of the same key.
    const written = await tx.$queryRaw<{ snapshot_id: number; key: string }[]>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${storableJson(profileRows)}::jsonb) AS i(
          key text, url text, external_id text, observed_at timestamptz, stated_age int, age_band text,
          minor_cue boolean, minor_cue_evidence jsonb, gender text,
          location_raw text, locality text, kommun_code text, lan_code text, police_region text,
          lat double precision, lon double precision, places jsonb, location_unresolved boolean,
          description_hash text, raw_fields jsonb, raw_text jsonb, raw_phones text,
          raw_contacts text, photo_hash text, field_sources jsonb)
      ),
      already AS (
        -- LATERAL ... LIMIT 1 pins the plan to two unique-index probes per input row. Without
        -- it, and without statistics (PGlite never autovacuums), the planner picks a nested
        -- loop over the whole site and a batch costs seconds on a large site.
        SELECT i.key FROM input i
         CROSS JOIN LATERAL (
           SELECT 1 FROM profile p
             JOIN profile_snapshot s ON s.profile_id = p.id AND s.run_id = ${ctx.runId}
            WHERE p.site_id = ${ctx.siteId} AND p.key = i.key
            LIMIT 1) hit
      ),
      upserted AS (
        INSERT INTO profile AS p (site_id, key, url_enc, external_id, first_seen_at, last_seen_at)
        SELECT ${ctx.siteId}, i.key, i.url, i.external_id,
               i.observed_at AT TIME ZONE 'UTC', i.observed_at AT TIME ZONE 'UTC'
          FROM input i
         WHERE i.key NOT IN (SELECT key FROM already)
         ORDER BY i.key
        ON CONFLICT (site_id, key) DO UPDATE SET
          first_seen_at = LEAST(p.first_seen_at, EXCLUDED.first_seen_at),
          last_seen_at  = GREATEST(p.last_seen_at, EXCLUDED.last_seen_at),
          -- The newest observation says where the profile lives now (sites rename their slugs).
          url_enc = CASE WHEN EXCLUDED.last_seen_at >= p.last_seen_at THEN EXCLUDED.url_enc ELSE p.url_enc END,
          external_id = COALESCE(EXCLUDED.external_id, p.external_id)
        RETURNING p.id, p.key
      ),
      snapshots AS (
        INSERT INTO profile_snapshot (run_id, site_run_id, profile_id, observed_at, url_enc, stated_age, age_band,
                                      minor_cue, minor_cue_evidence, gender,
                                      location_raw, locality, kommun_code, lan_code, police_region,
                                      lat, lon, places, location_unresolved,
                                      description_hash, raw_fields, raw_text, raw_phones_enc, normalised_at,
                                      raw_contacts_enc, photo_hash, field_sources)
        SELECT ${ctx.runId}, ${ctx.siteRunId}, u.id, i.observed_at AT TIME ZONE 'UTC', i.url, i.stated_age,
               i.age_band, i.minor_cue, i.minor_cue_evidence, i.gender::"Gender",
               i.location_raw, i.locality, i.kommun_code, i.lan_code, i.police_region,
               i.lat, i.lon, i.places, i.location_unresolved,
               i.description_hash, COALESCE(i.raw_fields, '{}'::jsonb), i.raw_text, i.raw_phones,
               i.observed_at AT TIME ZONE 'UTC', i.raw_contacts, i.photo_hash, i.field_sources
          FROM upserted u JOIN input i ON i.key = u.key
         ORDER BY u.id
        ON CONFLICT (run_id, profile_id) DO NOTHING
        RETURNING id, profile_id
      )
      SELECT s.id AS snapshot_id, u.key FROM snapshots s JOIN upserted u ON u.id = s.profile_id`;

    const linkRows: PhoneLinkRow[] = [];
    const contactRows: ContactLinkRow[] = [];
    for (const row of written) {
      const profile = unique.get(row.key);
      if (!profile) continue;
      linkRows.push(...phoneLinkRows(row.snapshot_id, profile.phones));
      contactRows.push(...contactLinkRows(row.snapshot_id, profile.contacts ?? []));
    }
    await linkPhones(tx, cipher, linkRows);
    await linkContacts(tx, cipher, contactRows);

    return { written: written.length, duplicates: profiles.length - written.length };
  }, BATCH_TRANSACTION);
}

export interface PhoneLinkRow {
  snapshot_id: number;
  e164: string;
  country: string | null;
  type: string;
  source: string;
}

/** One link per distinct number: the same number twice on a page (text and tel-link) is one link; the first source wins. */
export function phoneLinkRows(snapshotId: number, phones: NormalisedProfile['phones']): PhoneLinkRow[] {
  const seen = new Set<string>();
  const rows: PhoneLinkRow[] = [];
  for (const phone of phones) {
    if (seen.has(phone.e164)) continue;
    seen.add(phone.e164);
    rows.push({ snapshot_id: snapshotId, e164: phone.e164, country: phone.country, type: phone.type, source: phone.source });
  }
  return rows;
}

/**
 * Upserts the phones of the rows and links them to their snapshots. Phones are upserted in
 * number order so concurrent batches lock them in one order (no deadlock); a known country or
 * type fills in an unknown one, and never overwrites a known one.
 */
export async function linkPhones(tx: Tx, cipher: IdentifierCipher, linkRows: PhoneLinkRow[]): Promise<void> {
  if (linkRows.length === 0) return;
  // The number itself goes in encrypted; the keyed hash is what makes it one row however often it is seen.
  const sealed = linkRows.map((r) => ({ ...r, e164: cipher.hash('phone', r.e164), enc: cipher.encrypt(r.e164) }));
  await tx.$executeRaw`
    WITH links AS (
      SELECT * FROM jsonb_to_recordset(${storableJson(sealed)}::jsonb)
        AS l(snapshot_id int, e164 text, enc text, country text, type text, source text)
    ),
    phone_input AS (
      SELECT DISTINCT ON (e164) e164, enc, country, type FROM links
       ORDER BY e164, (type = 'unknown'), (country IS NULL)
    ),
    phones AS (
      INSERT INTO phone AS ph (hash, e164_enc, country, type)
      SELECT e164, enc, country, type::"PhoneType" FROM phone_input ORDER BY e164
      ON CONFLICT (hash) DO UPDATE SET
        country = COALESCE(ph.country, EXCLUDED.country),
        type = CASE WHEN ph.type = 'unknown' THEN EXCLUDED.type ELSE ph.type END,
        -- A number purged earlier (retention) is readable again once it is seen again.
        e164_enc = COALESCE(ph.e164_enc, EXCLUDED.e164_enc)
      RETURNING ph.id, ph.hash
    )
    INSERT INTO snapshot_phone (snapshot_id, phone_id, source)
    SELECT l.snapshot_id, p.id, l.source FROM links l JOIN phones p ON p.hash = l.e164`;
}

/** The columns a normaliser computes, as the snapshot table names them (shared by renormalise). */
export function normalisedColumns(p: Pick<NormalisedProfile, 'age' | 'ageBand' | 'minorCue' | 'minorCueEvidence' | 'gender' | 'location'>) {
  return {
    stated_age: p.age,
    age_band: p.ageBand,
    minor_cue: p.minorCue,
    minor_cue_evidence: p.minorCueEvidence,
    gender: p.gender,
    location_raw: p.location.raw,
    locality: p.location.locality,
    kommun_code: p.location.kommunCode,
    lan_code: p.location.lanCode,
    police_region: p.location.policeRegion,
    lat: p.location.lat,
    lon: p.location.lon,
    places: p.location.places,
    location_unresolved: p.location.unresolved,
  };
}

async function checkWritable(tx: Tx, ctx: SnapshotContext): Promise<void> {
  // FOR SHARE OF r: concurrent batches of one run proceed together, but finishRun's UPDATE waits
  // for them, and a batch that starts after it sees the final status and is refused.
  const rows = await tx.$queryRaw<
    { run_status: string; site_run_status: string | null; site_run_run_id: number | null; site_run_site_id: string | null }[]
  >`
    SELECT r.status::text AS run_status, sr.status::text AS site_run_status,
           sr.run_id AS site_run_run_id, sr.site_id AS site_run_site_id
      FROM mapping_run r LEFT JOIN site_run sr ON sr.id = ${ctx.siteRunId}
     WHERE r.id = ${ctx.runId}
       FOR SHARE OF r`;
  const row = rows[0];
  if (!row) throw new RunNotFoundError(ctx.runId);
  if (row.run_status !== 'running') throw new RunNotWritableError(ctx.runId, row.run_status);
  if (row.site_run_run_id !== ctx.runId || row.site_run_site_id !== ctx.siteId) {
    throw new RunContextError(`Site run ${ctx.siteRunId} is not the site run of "${ctx.siteId}" in run ${ctx.runId}.`);
  }
  if (row.site_run_status !== 'running') {
    throw new RunNotWritableError(ctx.runId, row.site_run_status ?? 'unknown', `site run ${ctx.siteRunId} (${ctx.siteId})`);
  }
}

/**
 * Records how a site run ended. The site run and its run must still be running: finish site runs
 * before the run (a site run left running when the run ends is marked interrupted by finishRun).
 */
export async function finishSiteRun(db: Db, siteRunId: number, result: SiteRunResult): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const siteRun = await tx.siteRun.findUnique({ where: { id: siteRunId }, select: { runId: true, status: true, siteId: true } });
    if (!siteRun) throw new RunContextError(`There is no site run with id ${siteRunId}.`);
    await lockRunningRun(tx, siteRun.runId);
    const updated = await tx.siteRun.updateMany({
      where: { id: siteRunId, status: 'running' },
      data: {
        status: result.status,
        finishedAt: new Date(),
        durationMs: Math.max(0, Math.round(result.durationMs)),
        pagesFetched: result.pagesFetched,
        profilesFound: result.profilesFound,
        errorCount: Math.max(result.errorCount, result.errors.length),
        // Error records name the pages they are about, profile pages included: the address and
        // the reason (which often quotes it) are sealed like every other URL; the kind stays
        // readable for counts.
        errors: result.errors
          .slice(0, MAX_STORED_ERRORS)
          .map((e) => ({ kind: storable(e.kind), sealed: db.cipher.encrypt(JSON.stringify({ url: storable(e.url), reason: storable(e.reason) })) })),
        failureReason: result.failureReason == null ? null : storable(result.failureReason),
      },
    });
    if (updated.count === 0) {
      throw new RunNotWritableError(siteRun.runId, siteRun.status, `site run ${siteRunId} (${siteRun.siteId})`);
    }
  }, BATCH_TRANSACTION);
}

/**
 * Ends a run. Site runs still `running` at that point did not finish, so they become
 * `interrupted`. A run that has already ended is never rewritten: that is an error.
 */
export async function finishRun(db: Db, runId: number, status: FinalRunStatus): Promise<{ finishedAt: Date }> {
  const finishedAt = new Date();
  await db.prisma.$transaction(async (tx) => {
    const run = await tx.mappingRun.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run) throw new RunNotFoundError(runId);
    await interruptRunningSiteRuns(tx, runId, finishedAt);
    const updated = await tx.mappingRun.updateMany({
      // A queued run whose every site job failed before starting ends here too.
      where: { id: runId, status: { in: ['running', 'queued'] } },
      data: { status, finishedAt },
    });
    if (updated.count === 0) throw new RunNotWritableError(runId, run.status);
  }, BATCH_TRANSACTION);
  await releaseLease(db, runId);
  return { finishedAt };
}

async function interruptRunningSiteRuns(tx: Tx, runId: number, at: Date): Promise<number> {
  // Their duration is what they ran until now; pages and profiles keep what was recorded.
  return tx.$executeRaw`
    UPDATE site_run
       SET status = 'interrupted', finished_at = ${at},
           duration_ms = GREATEST(0, (EXTRACT(EPOCH FROM (${at}::timestamp - started_at)) * 1000)::int)
     WHERE run_id = ${runId} AND status = 'running'`;
}

/**
 * Marks a run and its still-running site runs `interrupted` (Ctrl-C, SIGTERM, a crash seen at
 * the next start). A run that has already ended is left as it is; returns whether this call
 * changed the run.
 */
export async function markInterrupted(db: Db, runId: number): Promise<boolean> {
  const at = new Date();
  const changed = await db.prisma.$transaction(async (tx) => {
    const updated = await tx.mappingRun.updateMany({
      where: { id: runId, status: 'running' },
      data: { status: 'interrupted', finishedAt: at },
    });
    if (updated.count === 0) return false;
    await interruptRunningSiteRuns(tx, runId, at);
    return true;
  }, BATCH_TRANSACTION);
  await releaseLease(db, runId);
  return changed;
}

async function releaseLease(db: Db, runId: number): Promise<void> {
  // The run is already final, which is what the lease protects; an unlock that fails (lost
  // connection) is released by PostgreSQL with the connection anyway.
  await runLeases(db)
    .release(runId)
    .catch(() => {});
}

/**
 * Marks `interrupted` every run left `running` by a process that died (kill -9, power loss, OOM).
 * Call it before starting a new run. Returns the ids it marked.
 *
 * How "died" is known:
 * - PGlite (embedded): the data folder is locked to one process (see database.ts), so every
 *   running run not started through this Database is stale.
 * - PostgreSQL: several processes may map at once, so a run is stale only when no live session
 *   holds its advisory-lock lease (taken by startRun; PostgreSQL frees it when the process or
 *   its connection dies). A run started by a tool that takes no lease counts as stale.
 */
export async function markStaleRunsInterrupted(db: Db): Promise<number[]> {
  const leases = runLeases(db);
  // Runs of the queue path (options.queue) belong to the queue, not to a process: a crashed
  // worker's site job is taken up again by another worker, so they are never stale here.
  const running = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM mapping_run WHERE status = 'running' AND options->'queue' IS NULL ORDER BY id`;
  const marked: number[] = [];
  for (const { id } of running) {
    if (await leases.isHeld(id)) continue;
    if (await markInterrupted(db, id)) marked.push(id);
  }
  return marked;
}
