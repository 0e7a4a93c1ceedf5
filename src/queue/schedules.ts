// The sites file's `schedules:` as BullMQ job schedulers. A job scheduler lives in Redis and
// produces one job per time, whoever upserts it and however often: several `kartla scheduler`
// processes keeping the same schedules start each run once.

import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScheduleSettings } from '../config/sites-schema.ts';
import { RUN_QUEUE, SCHEDULED_RUN_JOB, type ScheduledRunJobData } from './names.ts';

/** Sets the schedulers of the schedules, removes the others; returns one line per schedule. */
export async function syncSchedules(redis: Redis, prefix: string, sitesFile: string, schedules: readonly ScheduleSettings[]): Promise<string[]> {
  const queue = new Queue(RUN_QUEUE, { connection: redis, prefix });
  queue.on('error', () => {});
  const lines: string[] = [];
  try {
    for (const s of schedules) {
      const data: ScheduledRunJobData = { scheduleId: s.id, sitesFile, label: s.label, ...(s.sites ? { sites: s.sites } : {}) };
      await queue.upsertJobScheduler(
        s.id,
        { pattern: s.cron, tz: s.tz },
        { name: SCHEDULED_RUN_JOB, data, opts: { removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 }, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } } },
      );
      const stored = await queue.getJobScheduler(s.id);
      const next = stored?.next ? new Date(stored.next).toISOString() : 'unknown';
      lines.push(`schedule ${s.id}: "${s.cron}" (${s.tz}) label "${s.label}", next run ${next}`);
    }
    const wanted = new Set(schedules.map((s) => s.id));
    for (const existing of await queue.getJobSchedulers()) {
      const id = existing.key ?? existing.id;
      if (id && !wanted.has(id)) {
        await queue.removeJobScheduler(id);
        lines.push(`schedule ${id}: removed (no longer in the sites file)`);
      }
    }
  } finally {
    await queue.close();
  }
  return lines;
}
