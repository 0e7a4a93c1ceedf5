// Reading what clustering needs from a run, and writing the clusters it made. The grouping and
// continuity decisions are pure (src/cluster); this file only moves rows.

import { Prisma } from '../generated/prisma/client.ts';
import type { ClusterFacts, MemberSnapshot } from '../cluster/facts.ts';
import type { ProfileGroup } from '../cluster/components.ts';
import type { PreviousCluster } from '../cluster/identity.ts';
import type { Link } from '../cluster/link-evidence.ts';
import type { Database } from './database.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;
export type ClusterViewName = 'phone' | 'combined';

/** Every profile of the run with what its cluster's facts are counted from. */
export async function runMembers(db: Db, runId: number): Promise<MemberSnapshot[]> {
  const rows = await db.prisma.$queryRaw<
    {
      profile_id: number;
      site_id: string;
      locality: string | null;
      kommun_code: string | null;
      police_region: string | null;
      gender: string;
      age_band: string;
      first_seen_at: Date;
      last_seen_at: Date;
      phones: { id: number; country: string | null }[] | null;
    }[]
  >`
    SELECT s.profile_id, p.site_id, s.locality, s.kommun_code, s.police_region, s.gender::text AS gender,
           s.age_band, p.first_seen_at, p.last_seen_at,
           (SELECT json_agg(json_build_object('id', ph.id, 'country', ph.country) ORDER BY ph.id)
              FROM snapshot_phone sp JOIN phone ph ON ph.id = sp.phone_id
             WHERE sp.snapshot_id = s.id) AS phones
      FROM profile_snapshot s JOIN profile p ON p.id = s.profile_id
     WHERE s.run_id = ${runId}
     ORDER BY s.profile_id`;
  return rows.map((r) => ({
    profileId: r.profile_id,
    siteId: r.site_id,
    locality: r.locality,
    kommunCode: r.kommun_code,
    policeRegion: r.police_region,
    gender: r.gender,
    ageBand: r.age_band,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    phones: r.phones ?? [],
  }));
}

/**
 * Every number each profile of the run has shown in this run or any run started before it: a
 * profile that changed number keeps its old one as a tie, so a cluster can span numbers over time.
 */
export async function phoneHistory(db: Db, runId: number): Promise<{ profileId: number; phoneId: number; hash: string }[]> {
  const rows = await db.prisma.$queryRaw<{ profile_id: number; phone_id: number; hash: string }[]>`
    SELECT DISTINCT s.profile_id, sp.phone_id, ph.hash
      FROM profile_snapshot s
      JOIN mapping_run r ON r.id = s.run_id
      JOIN snapshot_phone sp ON sp.snapshot_id = s.id
      JOIN phone ph ON ph.id = sp.phone_id
     WHERE s.profile_id IN (SELECT profile_id FROM profile_snapshot WHERE run_id = ${runId})
       AND r.started_at <= (SELECT started_at FROM mapping_run WHERE id = ${runId})`;
  return rows.map((r) => ({ profileId: r.profile_id, phoneId: r.phone_id, hash: r.hash }));
}

/** The latest run started before `runId` that has clusters of this view. */
export async function previousClusteredRun(db: Db, runId: number, view: ClusterViewName): Promise<number | null> {
  const rows = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT r.id FROM mapping_run r, mapping_run me
     WHERE me.id = ${runId} AND r.id <> me.id
       AND (r.started_at < me.started_at OR (r.started_at = me.started_at AND r.id < me.id))
       AND EXISTS (SELECT 1 FROM cluster_run cr WHERE cr.run_id = r.id AND cr.view = ${view}::"ClusterView")
     ORDER BY r.started_at DESC, r.id DESC LIMIT 1`;
  return rows[0]?.id ?? null;
}

/**
 * The clusters of a run as continuity matching sees them: members and the numbers they showed.
 * `bornInRun` keeps only the clusters that were new in that run.
 */
export async function clustersOfRun(db: Db, runId: number, view: ClusterViewName, opts: { bornInRun?: boolean } = {}): Promise<PreviousCluster[]> {
  const born = opts.bornInRun ? Prisma.sql`AND cluster_id IN (SELECT id FROM cluster WHERE first_run_id = ${runId})` : Prisma.empty;
  const members = await db.prisma.$queryRaw<{ cluster_id: number; profile_id: number }[]>`
    SELECT cluster_id, profile_id FROM cluster_member WHERE run_id = ${runId} AND view = ${view}::"ClusterView" ${born}`;
  const phones = await db.prisma.$queryRaw<{ cluster_id: number; phone_id: number }[]>`
    SELECT DISTINCT cm.cluster_id, sp.phone_id
      FROM cluster_member cm
      JOIN profile_snapshot s ON s.profile_id = cm.profile_id AND s.run_id = cm.run_id
      JOIN snapshot_phone sp ON sp.snapshot_id = s.id
     WHERE cm.run_id = ${runId} AND cm.view = ${view}::"ClusterView" ${born}`;
  const byId = new Map<number, PreviousCluster>();
  const get = (id: number) => {
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { id, profiles: [], ties: [] }));
    return c;
  };
  for (const m of members) get(m.cluster_id).profiles.push(m.profile_id);
  for (const p of phones) get(p.cluster_id).ties.push(phoneTie(p.phone_id));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export const phoneTie = (phoneId: number) => `phone:${phoneId}`;
export const contactTie = (contactId: number) => `contact:${contactId}`;

/**
 * The Telegram usernames and e-mail addresses each profile of the run has shown, in this run or
 * an earlier one (as phoneHistory does for numbers).
 */
export async function contactHistory(db: Db, runId: number): Promise<{ profileId: number; contactId: number; kind: 'telegram' | 'email' }[]> {
  const rows = await db.prisma.$queryRaw<{ profile_id: number; contact_id: number; kind: 'telegram' | 'email' }[]>`
    SELECT DISTINCT s.profile_id, sc.contact_id, c.kind::text AS kind
      FROM profile_snapshot s
      JOIN mapping_run r ON r.id = s.run_id
      JOIN snapshot_contact sc ON sc.snapshot_id = s.id
      JOIN contact c ON c.id = sc.contact_id
     WHERE s.profile_id IN (SELECT profile_id FROM profile_snapshot WHERE run_id = ${runId})
       AND r.started_at <= (SELECT started_at FROM mapping_run WHERE id = ${runId})`;
  return rows.map((r) => ({ profileId: r.profile_id, contactId: r.contact_id, kind: r.kind }));
}

/** The photo hash of every profile of the run that has one (this run's photo only: photos change). */
export async function runPhotos(db: Db, runId: number): Promise<{ profileId: number; siteId: string; hash: string }[]> {
  const rows = await db.prisma.$queryRaw<{ profile_id: number; site_id: string; photo_hash: string }[]>`
    SELECT s.profile_id, p.site_id, s.photo_hash
      FROM profile_snapshot s JOIN profile p ON p.id = s.profile_id
     WHERE s.run_id = ${runId} AND s.photo_hash IS NOT NULL
     ORDER BY s.profile_id`;
  return rows.map((r) => ({ profileId: r.profile_id, siteId: r.site_id, hash: r.photo_hash }));
}

/** What tied two members (see ClusterLink in schema.prisma). */
export type StoredLink = Link;

export interface StoredCluster {
  group: ProfileGroup;
  /** The id to store the group under: a cluster it continues, or its own id from an earlier clustering of this run; null for a new id. */
  id: number | null;
  /** Born in this run (recorded with a "new" event), whether or not it reuses an id of an earlier clustering of the run. */
  isNew: boolean;
  facts: ClusterFacts;
  indicators?: object[];
  priority?: number;
  priorityParts?: object[];
  /** The evidence of the ties that hold the cluster together. */
  links?: StoredLink[];
}

export interface StoredEvent {
  kind: 'merge' | 'split';
  /** Index into the clusters list, or a cluster id. */
  cluster: { index: number } | { id: number };
  related: ({ index: number } | { id: number })[];
}

/**
 * Replaces the run's clusters of one view: clustering a run again (`kartla cluster --run`) gives
 * the same ids to clusters that continue, and new clusters of the earlier attempt are removed.
 * Returns the id of every cluster, in the order given.
 */
export async function writeClusters(
  db: Db,
  runId: number,
  view: ClusterViewName,
  clusters: readonly StoredCluster[],
  events: readonly StoredEvent[],
): Promise<number[]> {
  return db.prisma.$transaction(
    async (tx) => {
      await tx.clusterLink.deleteMany({ where: { runId, view } });
      await tx.clusterMember.deleteMany({ where: { runId, view } });
      await tx.clusterEvent.deleteMany({ where: { runId, view } });
      await tx.clusterRun.deleteMany({ where: { runId, view } });
      // Clusters born in an earlier clustering of this run that this one does not reuse.
      const kept = clusters.filter((c) => c.id !== null).map((c) => c.id!);
      await tx.cluster.deleteMany({ where: { firstRunId: runId, view, runs: { none: {} }, id: { notIn: kept } } });

      const fresh = clusters.filter((c) => c.id === null).length;
      const created = fresh
        ? await tx.cluster.createManyAndReturn({
            data: Array.from({ length: fresh }, () => ({ view, firstRunId: runId, lastRunId: runId })),
            select: { id: true },
          })
        : [];
      const newIds = created.map((c) => c.id).sort((a, b) => a - b);
      let next = 0;
      const ids = clusters.map((c) => c.id ?? newIds[next++]!);
      const continued = clusters.filter((c) => !c.isNew).map((c) => c.id!);
      if (continued.length) {
        await tx.$executeRaw`UPDATE cluster SET last_run_id = GREATEST(last_run_id, ${runId}) WHERE id IN (${Prisma.join(continued)})`;
      }

      await tx.clusterRun.createMany({
        data: clusters.map((c, i) => ({
          clusterId: ids[i]!,
          runId,
          view,
          size: c.group.profiles.length,
          phones: c.facts.phones,
          sites: c.facts.sites.length,
          facts: c.facts as unknown as Prisma.InputJsonObject,
          indicators: (c.indicators ?? []) as Prisma.InputJsonArray,
          priority: c.priority ?? 0,
          priorityParts: (c.priorityParts ?? []) as Prisma.InputJsonArray,
        })),
      });
      const members = clusters.flatMap((c, i) => c.group.profiles.map((profileId) => ({ runId, view, profileId, clusterId: ids[i]! })));
      for (let k = 0; k < members.length; k += 5000) await tx.clusterMember.createMany({ data: members.slice(k, k + 5000) });
      const links = clusters.flatMap((c, i) =>
        (c.links ?? []).map((l) => ({
          runId,
          view,
          clusterId: ids[i]!,
          kind: l.kind,
          profileAId: l.a,
          profileBId: l.b,
          phoneId: l.phoneId ?? null,
          contactId: l.contactId ?? null,
          similarity: l.similarity ?? null,
          distance: l.distance ?? null,
        })),
      );
      for (let k = 0; k < links.length; k += 5000) await tx.clusterLink.createMany({ data: links.slice(k, k + 5000) });

      const idOf = (ref: { index: number } | { id: number }) => ('id' in ref ? ref.id : ids[ref.index]!);
      await tx.clusterEvent.createMany({
        data: [
          ...clusters.flatMap((c, i) => (c.isNew ? [{ runId, view, kind: 'new', clusterId: ids[i]!, related: [] as Prisma.InputJsonArray }] : [])),
          ...events.map((e) => ({ runId, view, kind: e.kind, clusterId: idOf(e.cluster), related: e.related.map(idOf) as Prisma.InputJsonArray })),
        ],
      });
      return ids;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export interface ProfileText {
  profileId: number;
  title: string | null;
  /** With phone numbers masked (as stored). */
  description: string | null;
  minorCue: boolean;
  minorCueEvidence: string[];
  reviews: string[];
}

/** The stored text of every profile of the run, for indicators and near-duplicate descriptions. */
export async function runTexts(db: Db, runId: number): Promise<ProfileText[]> {
  const rows = await db.prisma.$queryRaw<
    { profile_id: number; title: string | null; description: string | null; minor_cue: boolean; evidence: unknown; reviews: unknown }[]
  >`
    SELECT profile_id, raw_text->>'title' AS title, raw_text->>'description' AS description, minor_cue,
           minor_cue_evidence AS evidence, raw_text->'reviews' AS reviews
      FROM profile_snapshot WHERE run_id = ${runId} ORDER BY profile_id`;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return rows.map((r) => ({
    profileId: r.profile_id,
    title: r.title,
    description: r.description,
    minorCue: r.minor_cue,
    minorCueEvidence: strings(r.evidence),
    reviews: strings(r.reviews),
  }));
}

/** Replaces the profile indicators of the run's snapshots (profiles not in the map get none). */
export async function writeProfileIndicators(db: Db, runId: number, indicators: ReadonlyMap<number, object[]>): Promise<void> {
  const rows = [...indicators].map(([profile_id, ind]) => ({ profile_id, ind }));
  await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`UPDATE profile_snapshot SET indicators = '[]'::jsonb WHERE run_id = ${runId} AND indicators <> '[]'::jsonb`;
      for (let k = 0; k < rows.length; k += 2000) {
        await tx.$executeRaw`
          UPDATE profile_snapshot s SET indicators = d.ind
            FROM jsonb_to_recordset(${JSON.stringify(rows.slice(k, k + 2000))}::jsonb) AS d(profile_id int, ind jsonb)
           WHERE s.run_id = ${runId} AND s.profile_id = d.profile_id`;
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Police regions of each cluster in the runs before `runId` (oldest first), for the movement indicator. */
export async function regionHistories(
  db: Db,
  runId: number,
  view: ClusterViewName,
  clusterIds: readonly number[],
): Promise<Map<number, { date: string; regions: string[]; counts?: Record<string, number> }[]>> {
  const out = new Map<number, { date: string; regions: string[]; counts?: Record<string, number> }[]>();
  if (clusterIds.length === 0) return out;
  const rows = await db.prisma.$queryRaw<{ cluster_id: number; started_at: Date; regions: string[] | null; counts: Record<string, number> | null }[]>`
    SELECT cr.cluster_id, r.started_at, cr.facts->'policeRegions' AS regions, cr.facts->'regionCounts' AS counts
      FROM cluster_run cr JOIN mapping_run r ON r.id = cr.run_id, mapping_run me
     WHERE me.id = ${runId} AND cr.view = ${view}::"ClusterView" AND cr.cluster_id IN (${Prisma.join([...clusterIds])})
       AND (r.started_at < me.started_at OR (r.started_at = me.started_at AND r.id < me.id))
     ORDER BY r.started_at, r.id`;
  for (const r of rows) {
    const list = out.get(r.cluster_id) ?? [];
    list.push({ date: r.started_at.toISOString(), regions: r.regions ?? [], ...(r.counts ? { counts: r.counts } : {}) });
    out.set(r.cluster_id, list);
  }
  return out;
}
