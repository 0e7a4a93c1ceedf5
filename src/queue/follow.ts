// Follows a queued run until it ends (`kartla map --queue`): the site runs' states from the
// database, live counters from the site jobs' progress, the clustering summary from the finalise
// job; at the end the same RunResult as the in-process path, for the same summary.

import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunResult, SiteOutcome } from '../crawl/mapping-run.ts';
import type { RunObserver } from '../crawl/run-observer.ts';
import type { RunStatus, SiteRunStatus } from '../crawl/run-status.ts';
import type { Database } from '../store/database.ts';
import { finaliseJobId, RUN_QUEUE, SITE_QUEUE, siteJobId, type SiteJobProgress } from './names.ts';
import type { FinaliseJobResult } from './worker.ts';

const FINAL = new Set(['completed', 'partial', 'failed', 'interrupted']);
const SITE_FINAL = new Set(['ok', 'partial', 'failed', 'interrupted']);

export interface FollowOptions {
  db: Database;
  redis: Redis;
  prefix: string;
  runId: number;
  observer?: RunObserver;
  signal?: AbortSignal;
  pollMs?: number;
}

export async function followRun(opts: FollowOptions): Promise<RunResult | null> {
  const { db, runId, observer } = opts;
  const siteQueue = new Queue(SITE_QUEUE, { connection: opts.redis, prefix: opts.prefix });
  const runQueue = new Queue(RUN_QUEUE, { connection: opts.redis, prefix: opts.prefix });
  siteQueue.on('error', () => {});
  runQueue.on('error', () => {});
  const seen = new Map<string, string>();
  let finalising = false;
  try {
    const first = await db.prisma.siteRun.findMany({ where: { runId }, select: { siteId: true }, orderBy: { id: 'asc' } });
    observer?.runStarted?.(runId, first.map((s) => s.siteId));
    for (;;) {
      const run = await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
      const siteRuns = await db.prisma.siteRun.findMany({ where: { runId }, orderBy: { id: 'asc' } });
      for (const sr of siteRuns) {
        const before = seen.get(sr.siteId);
        if (sr.status === 'running' && before !== 'running') observer?.siteStarted?.(sr.siteId);
        if (sr.status === 'running') {
          const job = await Job.fromId<unknown, unknown>(siteQueue, siteJobId(runId, sr.siteId)).catch(() => undefined);
          const p = job?.progress as SiteJobProgress | undefined;
          if (p && typeof p === 'object' && 'pages' in p) observer?.siteProgress?.(sr.siteId, p);
        }
        if (SITE_FINAL.has(sr.status) && before !== sr.status) {
          observer?.siteFinished?.(sr.siteId, sr.status as SiteRunStatus, { pages: sr.pagesFetched, profiles: sr.profilesFound, errors: sr.errorCount });
        }
        seen.set(sr.siteId, sr.status);
      }
      if (!finalising && siteRuns.length > 0 && siteRuns.every((s) => SITE_FINAL.has(s.status)) && !FINAL.has(run.status)) {
        finalising = true;
        observer?.finaliseStarted?.('clustering');
      }
      if (FINAL.has(run.status)) {
        const job = await Job.fromId<unknown, FinaliseJobResult>(runQueue, finaliseJobId(runId)).catch(() => undefined);
        const clustering = job?.returnvalue?.clustering ?? null;
        if (finalising) observer?.finaliseFinished?.('clustering', clustering && 'error' in clustering ? clustering.error : undefined);
        observer?.runFinished?.();
        return runResultFromDatabase(db, runId, clustering);
      }
      if (opts.signal?.aborted) return null;
      await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 200));
    }
  } finally {
    await siteQueue.close().catch(() => {});
    await runQueue.close().catch(() => {});
  }
}

/** A finished run as the summary wants it, read back from the database. */
export async function runResultFromDatabase(db: Database, runId: number, clustering: RunResult['clustering']): Promise<RunResult> {
  const run = await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } });
  const siteRuns = await db.prisma.siteRun.findMany({ where: { runId }, orderBy: { id: 'asc' }, include: { site: { select: { name: true } } } });
  const robotsOverrides = ((run.options ?? {}) as { robotsOverrides?: Record<string, string> }).robotsOverrides ?? {};
  const sites: SiteOutcome[] = siteRuns.map((sr) => ({
    siteId: sr.siteId,
    name: sr.site.name,
    siteRunId: sr.id,
    status: sr.status as SiteRunStatus,
    pagesFetched: sr.pagesFetched,
    profiles: sr.profilesFound,
    duplicates: 0,
    errorCount: sr.errorCount,
    // The summary names the kinds of errors; addresses and reasons stay sealed.
    errors: ((sr.errors ?? []) as { kind?: string }[]).map((e) => ({ url: '', reason: '', kind: e.kind ?? 'error' })) as SiteOutcome['errors'],
    failureReason: sr.failureReason,
    durationMs: sr.durationMs ?? 0,
    robotsOverride: robotsOverrides[sr.siteId] ?? null,
    attempts: sr.attempts,
  }));
  return {
    runId,
    status: run.status as RunStatus,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? new Date(),
    sites,
    clustering,
  };
}
