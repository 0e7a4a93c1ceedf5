// One cluster for the dashboard: as it stood in a run, its members (at most MEMBER_LIMIT, never
// their URLs), its places over time, its merges and splits, and its numbers: masked unless the
// caller reveals them, which only the reveal route does, after writing the audit log.

import { Prisma } from '../../generated/prisma/client.ts';
import type { Database } from '../../store/database.ts';
import type { ClusterFacts } from '../../cluster/facts.ts';
import type { ClusterListItem } from '../../store/cluster-queries.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export const MEMBER_LIMIT = 200;
/** A cluster with more numbers than this is a data problem to look at, not a list to read. */
export const PHONE_LIMIT = 500;

/** A cluster in one run, as the list shows it (without its events), and which view it is in. */
export interface ClusterRunView extends Omit<ClusterListItem, 'events'> {
  view: 'phone' | 'combined';
}

export interface MemberView {
  profileId: number;
  siteId: string;
  locality: string | null;
  policeRegion: string | null;
  age: number | null;
  gender: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface TimelineEntry {
  runId: number;
  startedAt: Date;
  label: string | null;
  size: number;
  facts: ClusterFacts;
}

export interface ClusterEventView {
  runId: number;
  kind: string;
  related: number[];
}

export interface ClusterPhone {
  /** Row id of the phone: notes refer to it; it tells nothing about the number. */
  id: number;
  /** "nummer 1", "nummer 2", ... by phone row id, the same every time the cluster is shown. */
  label: string;
  country: string | null;
  profiles: number;
  /** The number in E.164 form: only when revealed. */
  e164?: string;
}

export interface ClusterDetailView {
  current: ClusterRunView;
  timeline: TimelineEntry[];
  events: ClusterEventView[];
  members: MemberView[];
  /** Tie kinds between members in the run, with how many links of each. */
  ties: { kind: string; links: number }[];
}

/** The cluster as it stood in `runId` (default: the last run it was in); null when it was not in it. */
export async function clusterDetail(db: Db, clusterId: number, runId?: number): Promise<ClusterDetailView | null> {
  const timeline = await db.prisma.$queryRaw<TimelineEntry[]>`
    SELECT cr.run_id AS "runId", r.started_at AS "startedAt", r.label, cr.size, cr.facts
      FROM cluster_run cr JOIN mapping_run r ON r.id = cr.run_id
     WHERE cr.cluster_id = ${clusterId}
     ORDER BY r.started_at, r.id`;
  const chosen = runId ?? timeline.at(-1)?.runId;
  if (chosen === undefined || !timeline.some((t) => t.runId === chosen)) return null;
  const [[current], members, events, ties] = await Promise.all([
    db.prisma.$queryRaw<ClusterRunView[]>`
      SELECT cr.cluster_id AS "id", cr.run_id AS "runId", cr.view::text AS view, cr.size, cr.phones, cr.sites, cr.facts, cr.indicators,
             cr.priority, cr.priority_parts AS "priorityParts", c.first_run_id AS "firstRunId"
        FROM cluster_run cr JOIN cluster c ON c.id = cr.cluster_id
       WHERE cr.cluster_id = ${clusterId} AND cr.run_id = ${chosen}`,
    db.prisma.$queryRaw<MemberView[]>`
      SELECT cm.profile_id AS "profileId", p.site_id AS "siteId", s.locality, s.police_region AS "policeRegion", s.stated_age AS age,
             s.gender::text AS gender, p.first_seen_at AS "firstSeenAt", p.last_seen_at AS "lastSeenAt"
        FROM cluster_member cm
        JOIN profile p ON p.id = cm.profile_id
        JOIN profile_snapshot s ON s.profile_id = cm.profile_id AND s.run_id = cm.run_id
       WHERE cm.cluster_id = ${clusterId} AND cm.run_id = ${chosen}
       ORDER BY p.site_id, s.locality NULLS LAST, cm.profile_id
       LIMIT ${MEMBER_LIMIT}`,
    db.prisma.$queryRaw<ClusterEventView[]>`
      SELECT e.run_id AS "runId", e.kind, e.related FROM cluster_event e WHERE e.cluster_id = ${clusterId} ORDER BY e.id`,
    db.prisma.$queryRaw<{ kind: string; links: number }[]>`
      SELECT l.kind::text AS kind, count(*)::int AS links FROM cluster_link l
       WHERE l.cluster_id = ${clusterId} AND l.run_id = ${chosen} GROUP BY l.kind ORDER BY l.kind`,
  ]);
  if (!current) return null;
  return { current, timeline, events, members, ties };
}

/**
 * The numbers the cluster's members showed in the run. With `reveal` the encrypted numbers are
 * read and opened: call it so only after the reveal has been written to the audit log.
 */
export async function clusterPhones(db: Db, clusterId: number, runId: number, opts: { reveal: boolean }): Promise<ClusterPhone[]> {
  // Masked pages never read the numbers out of the database at all.
  const secret = opts.reveal ? Prisma.sql`ph.e164_enc, ph.e164` : Prisma.sql`NULL::text AS e164_enc, NULL::text AS e164`;
  const rows = await db.prisma.$queryRaw<{ id: number; country: string | null; profiles: number; e164_enc: string | null; e164: string | null }[]>`
    SELECT ph.id, ph.country, count(DISTINCT cm.profile_id)::int AS profiles, ${secret}
      FROM cluster_member cm
      JOIN profile_snapshot s ON s.profile_id = cm.profile_id AND s.run_id = cm.run_id
      JOIN snapshot_phone sp ON sp.snapshot_id = s.id
      JOIN phone ph ON ph.id = sp.phone_id
     WHERE cm.cluster_id = ${clusterId} AND cm.run_id = ${runId}
     GROUP BY ph.id
     ORDER BY ph.id
     LIMIT ${PHONE_LIMIT}`;
  return rows.map((r, i) => ({
    id: r.id,
    label: `nummer ${i + 1}`,
    country: r.country,
    profiles: r.profiles,
    ...(opts.reveal ? { e164: db.cipher.open(r.e164_enc) ?? r.e164 ?? '?' } : {}),
  }));
}

/** Whether any member of the cluster was in the police region in the run (outreach workers' scope). */
export const inRegion = (current: ClusterRunView, region: string) => current.facts.policeRegions.includes(region);
