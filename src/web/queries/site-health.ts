// Site health across recent runs: one row per site run, with the health record the run kept
// (counts and rates only), and the alerts each run raised.

import type { Database } from '../../store/database.ts';
import type { SiteHealth } from '../../health/metrics.ts';

type Db = Pick<Database, 'prisma'>;

export interface SiteRunRow {
  runId: number;
  runLabel: string | null;
  runStartedAt: Date;
  siteId: string;
  siteName: string;
  status: string;
  pages: number;
  profiles: number;
  errors: number;
  failureReason: string | null;
  health: SiteHealth | null;
}

export interface RunAlert {
  runId: number;
  siteId: string | null;
  kind: string;
  severity: string;
  message: string;
}

export async function siteHealth(db: Db, runs: number): Promise<{ siteRuns: SiteRunRow[]; alerts: RunAlert[] }> {
  const recent = await db.prisma.mappingRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: runs, select: { id: true } });
  const ids = recent.map((r) => r.id);
  if (ids.length === 0) return { siteRuns: [], alerts: [] };
  const rows = await db.prisma.$queryRaw<
    { run_id: number; label: string | null; started_at: Date; site_id: string; name: string; status: string; pages: number; profiles: number; errors: number; failure_reason: string | null; health: SiteHealth | null }[]
  >`
    SELECT sr.run_id, r.label, r.started_at, sr.site_id, s.name, sr.status::text AS status, sr.pages_fetched AS pages,
           sr.profiles_found AS profiles, sr.error_count AS errors, sr.failure_reason, sr.health
      FROM site_run sr JOIN mapping_run r ON r.id = sr.run_id JOIN site s ON s.id = sr.site_id
     WHERE sr.run_id = ANY(${ids}::int[])
     ORDER BY r.started_at DESC, r.id DESC, sr.site_id COLLATE "C"`;
  const alerts = await db.prisma.alert.findMany({ where: { runId: { in: ids } }, orderBy: [{ runId: 'desc' }, { id: 'asc' }], select: { runId: true, siteId: true, kind: true, severity: true, message: true } });
  return {
    siteRuns: rows.map((r) => ({
      runId: r.run_id,
      runLabel: r.label,
      runStartedAt: r.started_at,
      siteId: r.site_id,
      siteName: r.name,
      status: r.status,
      pages: r.pages,
      profiles: r.profiles,
      errors: r.errors,
      failureReason: r.failure_reason,
      health: r.health,
    })),
    alerts,
  };
}
