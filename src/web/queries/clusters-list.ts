// The cluster list of the dashboard: one page of a run's clusters under the filters, and their
// count, each a single query (the list must stay fast on runs of many thousand profiles).

import { Prisma } from '../../generated/prisma/client.ts';
import type { Database } from '../../store/database.ts';
import type { ClusterListItem } from '../../store/cluster-queries.ts';
import { previousClusteredRun, type ClusterViewName } from '../../store/cluster-store.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export const PAGE_SIZE = 50;

export interface WebClusterFilter {
  view: ClusterViewName;
  region?: string;
  locality?: string;
  site?: string;
  minSize?: number;
  indicator?: string;
  /** Only clusters first seen in this run. */
  newOnly?: boolean;
  /**
   * Only clusters that moved into this region since the previous clustered run; '*' for a move
   * into any region (users who work everywhere).
   */
  movedInto?: string;
}

export type WebClusterRow = Omit<ClusterListItem, 'events'>;

// The region most of a cluster's profiles were in (ties broken by name, so the answer is stable).
const mainRegion = (facts: Prisma.Sql) => Prisma.sql`(SELECT k.key FROM jsonb_each(${facts}->'regionCounts') k ORDER BY (k.value)::int DESC, k.key LIMIT 1)`;

async function whereOf(db: Db, runId: number, f: WebClusterFilter): Promise<{ join: Prisma.Sql; where: Prisma.Sql }> {
  const c = [Prisma.sql`cr.run_id = ${runId}`, Prisma.sql`cr.view = ${f.view}::"ClusterView"`];
  if (f.minSize) c.push(Prisma.sql`cr.size >= ${f.minSize}`);
  if (f.region) c.push(Prisma.sql`cr.facts->'policeRegions' @> ${JSON.stringify([f.region])}::jsonb`);
  if (f.site) c.push(Prisma.sql`cr.facts->'sites' @> ${JSON.stringify([f.site])}::jsonb`);
  if (f.locality) c.push(Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(cr.facts->'localities') l WHERE lower(l) = lower(${f.locality}))`);
  if (f.indicator) c.push(Prisma.sql`cr.indicators @> ${JSON.stringify([{ code: f.indicator }])}::jsonb`);
  if (f.newOnly) c.push(Prisma.sql`c.first_run_id = ${runId}`);
  let join = Prisma.empty;
  if (f.movedInto) {
    const prev = await previousClusteredRun(db, runId, f.view);
    const into = f.movedInto === '*' ? null : f.movedInto;
    // The indicator covers moves within its window; the main-region change covers the step since the last run.
    const flagged = into
      ? Prisma.sql`(cr.indicators @> '[{"code":"moved-region"}]'::jsonb AND ${mainRegion(Prisma.sql`cr.facts`)} = ${into})`
      : Prisma.sql`cr.indicators @> '[{"code":"moved-region"}]'::jsonb`;
    if (prev === null) {
      c.push(flagged);
    } else {
      join = Prisma.sql`LEFT JOIN cluster_run pr ON pr.cluster_id = cr.cluster_id AND pr.run_id = ${prev}`;
      const changed = into
        ? Prisma.sql`(${mainRegion(Prisma.sql`cr.facts`)} = ${into} AND ${mainRegion(Prisma.sql`pr.facts`)} IS DISTINCT FROM ${into} AND ${mainRegion(Prisma.sql`pr.facts`)} IS NOT NULL)`
        : Prisma.sql`(${mainRegion(Prisma.sql`cr.facts`)} IS DISTINCT FROM ${mainRegion(Prisma.sql`pr.facts`)} AND ${mainRegion(Prisma.sql`pr.facts`)} IS NOT NULL AND ${mainRegion(Prisma.sql`cr.facts`)} IS NOT NULL)`;
      c.push(Prisma.sql`(${flagged} OR ${changed})`);
    }
  }
  return { join, where: Prisma.join(c, ' AND ') };
}

/** One page of the run's clusters, highest priority first, then largest, and how many match in all. */
export async function clusterPage(db: Db, runId: number, filter: WebClusterFilter, page: number): Promise<{ rows: WebClusterRow[]; total: number }> {
  const { join, where } = await whereOf(db, runId, filter);
  const [rows, count] = await Promise.all([
    db.prisma.$queryRaw<WebClusterRow[]>`
      SELECT cr.cluster_id AS "id", cr.run_id AS "runId", cr.size, cr.phones, cr.sites, cr.facts, cr.indicators, cr.priority,
             cr.priority_parts AS "priorityParts", c.first_run_id AS "firstRunId"
        FROM cluster_run cr JOIN cluster c ON c.id = cr.cluster_id ${join}
       WHERE ${where}
       ORDER BY cr.priority DESC, cr.size DESC, cr.cluster_id
       LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
    db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM cluster_run cr JOIN cluster c ON c.id = cr.cluster_id ${join} WHERE ${where}`,
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

/** The most recent run with clusters of the view, else the most recent run; null without runs. */
export async function latestClusteredRun(db: Db, view: ClusterViewName): Promise<number | null> {
  const [row] = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT r.id FROM mapping_run r
     ORDER BY EXISTS (SELECT 1 FROM cluster_run cr WHERE cr.run_id = r.id AND cr.view = ${view}::"ClusterView") DESC, r.started_at DESC, r.id DESC
     LIMIT 1`;
  return row?.id ?? null;
}

export async function runExists(db: Db, runId: number): Promise<boolean> {
  return (await db.prisma.mappingRun.findUnique({ where: { id: runId }, select: { id: true } })) !== null;
}
