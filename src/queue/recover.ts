// Runs whose jobs Redis lost: a Redis restarted without persistence (or flushed) forgets every
// job, while the database still says the run is queued or running. A worker looks for such runs
// now and then and adds their flow again; the job ids are fixed, so a flow that is in fact still
// there is not added twice, and a site whose result is stored is not crawled again.

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../store/database.ts';
import type { QueueSettings } from './connection.ts';
import { finaliseJobId } from './names.ts';
import { addRunFlow, runFlow } from './run-flow.ts';

export async function recoverLostRuns(db: Database, redis: Redis, runQueue: Queue, prefix: string, settings: QueueSettings): Promise<number[]> {
  // Older than a sweep: a run being enqueued right now has its run row before its jobs.
  const before = new Date(Date.now() - settings.recoverIntervalMs);
  const runs = await db.prisma.$queryRaw<{ id: number; sites_file: string | null }[]>`
    SELECT id, options->>'sitesFile' AS sites_file FROM mapping_run
     WHERE status IN ('queued', 'running') AND options->'queue' IS NOT NULL AND started_at < ${before}
     ORDER BY id`;
  const recovered: number[] = [];
  for (const run of runs) {
    if (!run.sites_file) continue;
    if (await runQueue.getJob(finaliseJobId(run.id))) continue;
    const open = await db.prisma.siteRun.findMany({ where: { runId: run.id, status: { in: ['queued', 'running'] } }, select: { siteId: true } });
    await addRunFlow(redis, prefix, runFlow(run.id, run.sites_file, open.map((s) => s.siteId), settings));
    recovered.push(run.id);
  }
  return recovered;
}
