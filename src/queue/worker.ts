// The processes behind `kartla worker`: BullMQ workers for site jobs (crawl one site into a run)
// and run jobs (finalise a run; start a scheduled run), over one database and one Redis.
//
// Faults they live through:
// - a worker killed mid-site: its job's lock expires, another worker takes the job up again
//   (stalled-job handling) and crawls the site again into the same site run; no profile is stored
//   twice (see src/crawl/site-job.ts);
// - Redis restarted: the connections reconnect; if Redis lost its data (no persistence), the
//   recovery sweep adds the jobs of unfinished runs again (fixed job ids: never twice);
// - PostgreSQL unreachable for a while: writes are retried with backoff (src/crawl/storage-retry.ts);
// - SIGTERM: no new job is taken, the jobs in hand finish (see commands/worker.ts);
// - a site that keeps failing: retried with exponential backoff up to KARTLA_SITE_ATTEMPTS, then
//   recorded failed with its reason; the run ends `partial` and is finalised all the same.

import { statSync } from 'node:fs';
import { DelayedError, Job, Queue, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { adapterNames } from '../../crawlers/index.ts';
import { loadSitesFile, type LoadedSites, type ResolvedSite } from '../config/sites-loader.ts';
import { finaliseRun, type ClusteringOutcome } from '../crawl/finalise-run.ts';
import type { SiteRunStatus } from '../crawl/run-status.ts';
import { crawlSiteIntoRun, SiteJobHandedBackError, SiteJobRetryError } from '../crawl/site-job.ts';
import { SnapshotWriter } from '../crawl/snapshot-writer.ts';
import { withStorageRetry } from '../crawl/storage-retry.ts';
import type { Database } from '../store/database.ts';
import { RunNotFoundError, RunNotWritableError } from '../store/errors.ts';
import { purgeOlderThan } from '../store/purge.ts';
import { failUnfinishedSiteRuns } from '../store/run-store.ts';
import type { ClusteringOptions } from '../cluster/cluster-run.ts';
import type { QueueSettings } from './connection.ts';
import {
  FINALISE_RUN_JOB,
  RUN_QUEUE,
  SCHEDULED_RUN_JOB,
  SITE_QUEUE,
  siteIdOfJobKey,
  type FinaliseJobData,
  type ScheduledRunJobData,
  type SiteJobData,
  type SiteJobProgress,
} from './names.ts';
import { recoverLostRuns } from './recover.ts';
import { startScheduledRun } from './scheduled-run.ts';
import { SiteLocks } from './site-lock.ts';

export interface WorkerOptions {
  db: Database;
  /** Opens a Redis connection (one per BullMQ worker, as they block). */
  connect: () => Redis;
  prefix: string;
  settings: QueueSettings;
  /** Site jobs at the same time in this process. */
  concurrency: number;
  log?: (line: string) => void;
}

export interface RunningWorkers {
  /** Stops taking jobs; resolves when the jobs in hand have finished (or been handed back). */
  close(): Promise<void>;
  /** Stops the crawls in hand: what they read is stored and their jobs go back to the queue. */
  handBack(): void;
}

export interface SiteJobResult {
  siteId: string;
  status: SiteRunStatus;
  pages: number;
  profiles: number;
  attempts: number;
}

export interface FinaliseJobResult {
  runId: number;
  status: string;
  clustering: ClusteringOutcome;
}

export function startWorkers(opts: WorkerOptions): RunningWorkers {
  const { db, prefix, settings } = opts;
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const lockRedis = opts.connect();
  const locks = new SiteLocks(lockRedis, prefix, settings.siteLockMs);
  const sitesFiles = new SitesFileCache();
  // Aborted on a hand-back shutdown: crawls stop, store what they read and give their jobs back.
  const handBack = new AbortController();

  const common = {
    prefix,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    // A job whose worker died twice in a row is taken up again all the same; a site that keeps
    // killing its worker ends failed after its attempts.
    maxStalledCount: Math.max(1, settings.siteAttempts),
  };

  const siteWorker = new Worker<SiteJobData, SiteJobResult>(
    SITE_QUEUE,
    async (job, token) => {
      const { runId, siteId, sitesFile } = job.data;
      const loaded = sitesFiles.get(sitesFile);
      const site = loaded.sites.find((s) => s.id === siteId);
      if (!site) throw new UnrecoverableError(`site "${siteId}" is no longer in ${sitesFile}`);
      const lock = await locks.acquire(siteId);
      if (!lock) {
        // Another worker crawls this site (another run, or a job of a dead worker whose lock has
        // not expired yet): wait, without spending an attempt.
        await job.moveToDelayed(Date.now() + Math.min(5_000, Math.max(500, settings.siteLockMs / 4)), token);
        throw new DelayedError();
      }
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const stop = AbortSignal.any([lock.lost, handBack.signal]);
      let lastProgress = 0;
      log(`run ${runId} site ${siteId}: crawling (attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1})`);
      try {
        const outcome = await crawlSiteIntoRun({
          db,
          runId,
          site,
          crawl: loaded.crawl,
          writer: new SnapshotWriter(db, settings.snapshotBatch),
          signal: stop,
          handBackOnAbort: true,
          finalAttempt,
          onProgress(counters) {
            if (Date.now() - lastProgress < 1_000) return;
            lastProgress = Date.now();
            job.updateProgress({ ...counters } satisfies SiteJobProgress).catch(() => {});
          },
        });
        log(`run ${runId} site ${siteId}: ${outcome.status}, ${outcome.pagesFetched} pages, ${outcome.profiles} profiles${outcome.alreadyFinished ? ' (already done)' : ''}`);
        await job.updateProgress({ pages: outcome.pagesFetched, profiles: outcome.profiles, errors: outcome.errorCount }).catch(() => {});
        // A site failed on its last attempt is recorded failed; the job fails too, so the queue shows it.
        if (outcome.status === 'failed' && !outcome.alreadyFinished) throw new UnrecoverableError(outcome.failureReason ?? 'failed');
        return { siteId, status: outcome.status, pages: outcome.pagesFetched, profiles: outcome.profiles, attempts: outcome.attempts ?? 1 };
      } catch (error) {
        if (error instanceof SiteJobHandedBackError) {
          log(`run ${runId} site ${siteId}: handed back (${error.message})`);
          await job.moveToWait(token);
          throw new WaitingError();
        }
        if (error instanceof SiteJobRetryError) log(`run ${runId} site ${siteId}: failed, will retry: ${error.reason}`);
        // The run has ended (finalised after a lost job, or interrupted): nothing left to do.
        if (error instanceof RunNotWritableError || error instanceof RunNotFoundError) throw new UnrecoverableError(error.message);
        throw error;
      } finally {
        await lock.release();
      }
    },
    { ...common, connection: opts.connect(), concurrency: opts.concurrency },
  );

  const runWorker = new Worker<FinaliseJobData | ScheduledRunJobData, FinaliseJobResult | { runId: number | null }>(
    RUN_QUEUE,
    async (job) => {
      if (job.name === FINALISE_RUN_JOB) return finaliseJob(job as Job<FinaliseJobData>);
      if (job.name === SCHEDULED_RUN_JOB) {
        const data = job.data as ScheduledRunJobData;
        const runId = await startScheduledRun(db, lockRedis, prefix, settings, sitesFiles.get(data.sitesFile), data, job.id ?? '');
        log(`schedule ${data.scheduleId}: run ${runId ?? '(already started)'} queued`);
        return { runId };
      }
      throw new UnrecoverableError(`unknown job ${job.name}`);
    },
    { ...common, connection: opts.connect(), concurrency: 2 },
  );

  async function finaliseJob(job: Job<FinaliseJobData>): Promise<FinaliseJobResult> {
    const { runId } = job.data;
    const run = await withStorageRetry(() => db.prisma.mappingRun.findUnique({ where: { id: runId }, select: { status: true, options: true } }));
    if (!run) throw new UnrecoverableError(`run ${runId} is not in the database`);
    if (run.status !== 'queued' && run.status !== 'running') return { runId, status: run.status, clustering: null };
    // Children that failed for good: their reasons, for site runs that could not record one.
    const failures = await job.getIgnoredChildrenFailures().catch(() => ({}) as Record<string, string>);
    const reasons = new Map<string, string>();
    for (const [key, reason] of Object.entries(failures)) {
      const siteId = siteIdOfJobKey(key);
      if (siteId) reasons.set(siteId, reason);
    }
    await withStorageRetry(() => failUnfinishedSiteRuns(db, runId, reasons, 'the site job ended without recording a result'));
    const siteRuns = await withStorageRetry(() => db.prisma.siteRun.findMany({ where: { runId }, select: { status: true } }));
    const options = (run.options ?? {}) as { clustering?: ClusteringOptions };
    const finished = await finaliseRun(db, runId, {
      siteStatuses: siteRuns.map((s) => s.status as SiteRunStatus),
      clustering: options.clustering ?? {},
      alerts: sitesFiles.tryGet(job.data.sitesFile)?.alerts,
    });
    if (finished.health && 'alerts' in finished.health && finished.health.alerts.length > 0) {
      log(`run ${runId}: ${finished.health.alerts.length} drift or health alert(s); kartla health --run ${runId}`);
    }
    log(`run ${runId}: ${finished.status}`);
    const purgeAfterDays = sitesFiles.tryGet(job.data.sitesFile)?.retention.purgeAfterDays;
    if (purgeAfterDays) await purgeOlderThan(db, new Date(Date.now() - purgeAfterDays * 86_400_000));
    return { runId, status: finished.status, clustering: finished.clustering };
  }

  for (const w of [siteWorker, runWorker]) {
    // Lost connections and failed jobs are logged, never fatal: the worker carries on.
    w.on('error', (error) => log(`worker: ${error.message}`));
    w.on('failed', (job, error) => {
      if (job && !(error instanceof DelayedError) && !(error instanceof WaitingError)) log(`job ${job.id} failed: ${error.message}`);
    });
  }

  const recoverQueue = new Queue(RUN_QUEUE, { connection: lockRedis, prefix });
  recoverQueue.on('error', () => {});
  const recoverTimer = setInterval(() => {
    recoverLostRuns(db, lockRedis, recoverQueue, prefix, settings)
      .then((ids) => {
        if (ids.length > 0) log(`recovered the jobs of run(s) ${ids.join(', ')}: Redis had lost them`);
      })
      .catch(() => {});
  }, settings.recoverIntervalMs);
  recoverTimer.unref();

  return {
    handBack() {
      handBack.abort(new Error('the worker is stopping'));
    },
    async close() {
      clearInterval(recoverTimer);
      await Promise.all([siteWorker.close(), runWorker.close()]);
      await recoverQueue.close().catch(() => {});
      lockRedis.disconnect();
    },
  };
}

/** Sites files by path, read again when they change (a worker lives for months). */
class SitesFileCache {
  private readonly cache = new Map<string, { mtimeMs: number; loaded: LoadedSites }>();

  get(file: string): LoadedSites {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      throw new UnrecoverableError(`cannot read the sites file ${file} on this worker: every worker needs it at the same path`);
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.loaded;
    const loaded = loadSitesFile(file, { knownAdapters: adapterNames() });
    this.cache.set(file, { mtimeMs, loaded });
    return loaded;
  }

  tryGet(file: string): LoadedSites | null {
    try {
      return this.get(file);
    } catch {
      return null;
    }
  }
}

export type { ResolvedSite };
