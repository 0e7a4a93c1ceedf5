// Reads over stored clusters for `kartla clusters` and `kartla cluster show`: a run's clusters
// with filters, and one cluster with its timeline, members and events.

import { Prisma } from '../generated/prisma/client.ts';
import type { ClusterFacts } from '../cluster/facts.ts';
import type { Database } from './database.ts';
import type { ClusterViewName } from './cluster-store.ts';
import { ClusterNotFoundError } from './errors.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface StoredIndicator {
  code: string;
  level?: string;
  explanation?: { sv: string; en: string };
  evidence?: string[];
}

export interface ClusterListItem {
  id: number;
  runId: number;
  size: number;
  phones: number;
  sites: number;
  facts: ClusterFacts;
  indicators: StoredIndicator[];
  priority: number;
  priorityParts: { code: string; points: number; why?: { sv: string; en: string } }[];
  /** new in this run, or continued from an earlier run. */
  firstRunId: number;
  /** Events of this cluster in this run (merge, split, new). */
  events: { kind: string; related: number[] }[];
}

export interface ClusterFilter {
  view?: ClusterViewName;
  minSize?: number;
  region?: string;
  indicator?: string;
  limit?: number;
}

// Columns named as ClusterListItem's fields, so rows need no mapping.
const SELECT_CLUSTER_RUN = Prisma.sql`
  SELECT cr.cluster_id AS "id", cr.run_id AS "runId", cr.size, cr.phones, cr.sites, cr.facts, cr.indicators, cr.priority,
         cr.priority_parts AS "priorityParts", c.first_run_id AS "firstRunId",
         COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'related', e.related) ORDER BY e.id)
            FROM cluster_event e WHERE e.cluster_id = cr.cluster_id AND e.run_id = cr.run_id AND e.view = cr.view), '[]'::json) AS events
    FROM cluster_run cr JOIN cluster c ON c.id = cr.cluster_id`;

function whereOf(runId: number, filter: ClusterFilter): Prisma.Sql {
  const conditions = [Prisma.sql`cr.run_id = ${runId}`, Prisma.sql`cr.view = ${filter.view ?? 'phone'}::"ClusterView"`];
  if (filter.minSize) conditions.push(Prisma.sql`cr.size >= ${filter.minSize}`);
  if (filter.region) conditions.push(Prisma.sql`cr.facts->'policeRegions' @> ${JSON.stringify([filter.region])}::jsonb`);
  if (filter.indicator) conditions.push(Prisma.sql`cr.indicators @> ${JSON.stringify([{ code: filter.indicator }])}::jsonb`);
  return Prisma.join(conditions, ' AND ');
}

/** The run's clusters, highest priority first, then largest. */
export async function listClusters(db: Db, runId: number, filter: ClusterFilter = {}): Promise<ClusterListItem[]> {
  return db.prisma.$queryRaw<ClusterListItem[]>`
    ${SELECT_CLUSTER_RUN}
     WHERE ${whereOf(runId, filter)}
     ORDER BY cr.priority DESC, cr.size DESC, cr.cluster_id
     LIMIT ${filter.limit ?? 50}`;
}

/** How many clusters the run has under the filter (without the limit). */
export async function countClusters(db: Db, runId: number, filter: ClusterFilter = {}): Promise<number> {
  const [row] = await db.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM cluster_run cr WHERE ${whereOf(runId, filter)}`;
  return row?.n ?? 0;
}

export interface ClusterMemberRow {
  profileId: number;
  siteId: string;
  url: string;
  age: number | null;
  gender: string;
  locality: string | null;
  policeRegion: string | null;
  firstSeenAt: Date;
  /** E.164 numbers the profile showed in the run. */
  phones: string[];
}

/** One link of the cluster's evidence (see ClusterLink in schema.prisma). */
export interface ClusterLinkRow {
  kind: 'phone' | 'telegram' | 'email' | 'text' | 'photo';
  a: number;
  b: number;
  /** The shared value (E.164 number, Telegram username, e-mail address); null for text and photo links. */
  value: string | null;
  /** Text links: estimated Jaccard similarity of the descriptions (0-1). */
  similarity: number | null;
  /** Photo links: bits in which the perceptual hashes differ (of 64). */
  distance: number | null;
}

export interface ClusterDetail {
  /** What tied the members together in the chosen run. */
  links: ClusterLinkRow[];
  /** The cluster as it stood in the chosen run. */
  current: ClusterListItem;
  /** One entry per run the cluster was in, oldest first. */
  timeline: { runId: number; startedAt: Date; label: string | null; size: number; localities: string[]; policeRegions: string[]; sites: string[] }[];
  members: ClusterMemberRow[];
}

export async function getClusterDetail(db: Db, clusterId: number, runId?: number): Promise<ClusterDetail> {
  const cluster = await db.prisma.cluster.findUnique({ where: { id: clusterId }, select: { id: true } });
  if (!cluster) throw new ClusterNotFoundError(clusterId);
  const timelineRows = await db.prisma.$queryRaw<
    { run_id: number; started_at: Date; label: string | null; size: number; facts: ClusterFacts }[]
  >`
    SELECT cr.run_id, r.started_at, r.label, cr.size, cr.facts
      FROM cluster_run cr JOIN mapping_run r ON r.id = cr.run_id
     WHERE cr.cluster_id = ${clusterId}
     ORDER BY r.started_at, r.id`;
  const chosen = runId ?? timelineRows.at(-1)?.run_id;
  if (chosen === undefined || !timelineRows.some((t) => t.run_id === chosen)) throw new ClusterNotFoundError(clusterId, runId);
  const [current] = await db.prisma.$queryRaw<ClusterListItem[]>`
    ${SELECT_CLUSTER_RUN} WHERE cr.cluster_id = ${clusterId} AND cr.run_id = ${chosen}`;
  const members = await db.prisma.$queryRaw<
    { profile_id: number; site_id: string; url: string; stated_age: number | null; gender: string; locality: string | null; police_region: string | null; first_seen_at: Date; phones: string[] | null }[]
  >`
    SELECT cm.profile_id, p.site_id, s.url_enc AS url, s.stated_age, s.gender::text AS gender, s.locality, s.police_region, p.first_seen_at,
           ARRAY(SELECT ph.e164_enc FROM snapshot_phone sp JOIN phone ph ON ph.id = sp.phone_id
                  WHERE sp.snapshot_id = s.id AND ph.e164_enc IS NOT NULL) AS phones
      FROM cluster_member cm
      JOIN profile p ON p.id = cm.profile_id
      JOIN profile_snapshot s ON s.profile_id = cm.profile_id AND s.run_id = cm.run_id
     WHERE cm.cluster_id = ${clusterId} AND cm.run_id = ${chosen}`;
  const { cipher } = db;
  const readable = members
    .map((m) => ({ ...m, url: cipher.open(m.url) ?? '', phones: (m.phones ?? []).map((p) => cipher.decrypt(p)).sort() }))
    .sort((a, b) => (a.site_id < b.site_id ? -1 : a.site_id > b.site_id ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const links = await db.prisma.$queryRaw<ClusterLinkRow[]>`
    SELECT l.kind::text AS kind, l.profile_a_id AS a, l.profile_b_id AS b, COALESCE(ph.e164_enc, c.value_enc) AS value,
           l.similarity, l.distance
      FROM cluster_link l
      LEFT JOIN phone ph ON ph.id = l.phone_id
      LEFT JOIN contact c ON c.id = l.contact_id
     WHERE l.cluster_id = ${clusterId} AND l.run_id = ${chosen}
     ORDER BY l.kind, l.phone_id, l.contact_id, l.profile_a_id, l.profile_b_id`;
  return {
    links: links.map((l) => ({ ...l, value: cipher.open(l.value) })),
    current: current!,
    timeline: timelineRows.map((t) => ({
      runId: t.run_id,
      startedAt: t.started_at,
      label: t.label,
      size: t.size,
      localities: t.facts.localities,
      policeRegions: t.facts.policeRegions,
      sites: t.facts.sites,
    })),
    members: readable.map((m) => ({
      profileId: m.profile_id,
      siteId: m.site_id,
      url: m.url,
      age: m.stated_age,
      gender: m.gender,
      locality: m.locality,
      policeRegion: m.police_region,
      firstSeenAt: m.first_seen_at,
      phones: m.phones ?? [],
    })),
  };
}

/** Each profile URL of the run with its cluster in the view (profiles in no cluster are absent). */
export async function clusterIdsByUrl(db: Db, runId: number, view: ClusterViewName): Promise<Map<string, string>> {
  const rows = await db.prisma.$queryRaw<{ url: string | null; cluster_id: number }[]>`
    SELECT s.url_enc AS url, cm.cluster_id
      FROM cluster_member cm JOIN profile_snapshot s ON s.profile_id = cm.profile_id AND s.run_id = cm.run_id
     WHERE cm.run_id = ${runId} AND cm.view = ${view}::"ClusterView" AND s.url_enc IS NOT NULL`;
  return new Map(rows.map((r) => [db.cipher.decrypt(r.url!), String(r.cluster_id)]));
}
