// A mapping run on the queue: created in the database as `queued` with one `queued` site run per
// site, then added to Redis as one BullMQ flow: a child job per site and a parent job that
// finalises the run once every child has ended. A child that fails for good (its attempts spent)
// does not fail the parent: `ignoreDependencyOnFailure` moves it to the parent's failed
// dependencies, and the finalise job records it failed with its reason. (`continueParentOnFailure`
// would start the parent at the FIRST failure, while other sites are still crawling.)

import { FlowProducer, type FlowJob } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ResolvedSite } from '../config/sites-loader.ts';
import type { Database } from '../store/database.ts';
import { createQueuedRun, failUnfinishedSiteRuns, finishRun, upsertSites } from '../store/run-store.ts';
import type { QueueSettings } from './connection.ts';
import { CRAWL_SITE_JOB, FINALISE_RUN_JOB, finaliseJobId, RUN_QUEUE, SITE_QUEUE, siteJobId, type FinaliseJobData, type SiteJobData } from './names.ts';

const KEEP_COMPLETED = { age: 7 * 86_400, count: 10_000 };
const KEEP_FAILED = { age: 30 * 86_400 };

export interface EnqueueRunOptions {
  /** Absolute path of the sites file the workers read. */
  sitesFile: string;
  sites: readonly ResolvedSite[];
  label: string | null;
  options: Record<string, unknown>;
}

/** The flow of a run's jobs; adding it again adds only the jobs that are not there (fixed job ids). */
export function runFlow(runId: number, sitesFile: string, siteIds: readonly string[], settings: QueueSettings): FlowJob {
  const data: FinaliseJobData = { runId, sitesFile };
  return {
    name: FINALISE_RUN_JOB,
    queueName: RUN_QUEUE,
    data,
    opts: {
      jobId: finaliseJobId(runId),
      // Finalising needs the database; a short outage is waited out.
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
    children: siteIds.map((siteId) => ({
      name: CRAWL_SITE_JOB,
      queueName: SITE_QUEUE,
      data: { runId, siteId, sitesFile } satisfies SiteJobData,
      opts: {
        jobId: siteJobId(runId, siteId),
        attempts: settings.siteAttempts,
        backoff: { type: 'exponential', delay: settings.siteBackoffMs },
        ignoreDependencyOnFailure: true,
        failParentOnFailure: false,
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    })),
  };
}

export async function addRunFlow(connection: Redis, prefix: string, flow: FlowJob): Promise<void> {
  const producer = new FlowProducer({ connection, prefix });
  producer.on('error', () => {});
  try {
    await producer.add(flow);
  } finally {
    await producer.close();
  }
}

/** Creates the run (`queued`) and its flow; returns the run's id. */
export async function enqueueRun(db: Database, connection: Redis, prefix: string, settings: QueueSettings, opts: EnqueueRunOptions): Promise<{ runId: number; startedAt: Date }> {
  await upsertSites(db, opts.sites.map(({ id, name, group }) => ({ id, name, group })));
  // A robots.txt override is part of the run's record, with its written reason.
  const robotsOverrides = Object.fromEntries(opts.sites.filter((s) => s.robotsOverride).map((s) => [s.id, s.robotsOverride]));
  const options = { ...opts.options, ...(Object.keys(robotsOverrides).length > 0 ? { robotsOverrides } : {}) };
  const siteIds = opts.sites.map((s) => s.id);
  const run = await createQueuedRun(db, { label: opts.label, options, siteIds });
  try {
    await addRunFlow(connection, prefix, runFlow(run.id, opts.sitesFile, siteIds, settings));
  } catch (error) {
    // Not in the queue: the run must not wait for ever as `queued`.
    await failUnfinishedSiteRuns(db, run.id, new Map(), 'the run could not be put on the queue');
    await finishRun(db, run.id, 'failed');
    throw error;
  }
  return { runId: run.id, startedAt: run.startedAt };
}
