// A scheduler job, processed by a worker, becomes a run: the run and its flow, as `kartla map
// --queue` makes them. A scheduler job is produced once per time by BullMQ's job scheduler
// however many `kartla scheduler` processes keep it; the job's id is recorded with the run, so a
// job taken up again (its worker died after creating the run) does not start a second run.

import type { Redis } from 'ioredis';
import type { LoadedSites } from '../config/sites-loader.ts';
import type { Database } from '../store/database.ts';
import type { QueueSettings } from './connection.ts';
import type { ScheduledRunJobData } from './names.ts';
import { enqueueRun } from './run-flow.ts';

export async function startScheduledRun(
  db: Database,
  redis: Redis,
  prefix: string,
  settings: QueueSettings,
  loaded: LoadedSites,
  data: ScheduledRunJobData,
  jobId: string,
): Promise<number | null> {
  const existing = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM mapping_run WHERE options->>'scheduledJob' = ${jobId} LIMIT 1`;
  if (existing.length > 0) return null;
  const schedule = loaded.schedules.find((s) => s.id === data.scheduleId);
  const wanted = schedule?.sites ?? data.sites;
  const sites = wanted ? loaded.sites.filter((s) => wanted.includes(s.id)) : loaded.sites.filter((s) => s.enabled);
  if (sites.length === 0) return null;
  const { runId } = await enqueueRun(db, redis, prefix, settings, {
    sitesFile: data.sitesFile,
    sites,
    label: schedule?.label ?? data.label,
    options: {
      command: 'scheduler',
      schedule: data.scheduleId,
      scheduledJob: jobId,
      sitesFile: data.sitesFile,
      sites: sites.map((s) => s.id),
      clustering: loaded.clustering,
    },
  });
  return runId;
}
