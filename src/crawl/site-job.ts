// Crawls ONE site into an existing run: the piece the in-process `kartla map` and the queue's site
// jobs share. It takes up the site's site run (creating it, or taking over the one an earlier
// attempt or a crashed worker left), crawls, writes snapshots through the SnapshotWriter and
// records how the site ended.
//
// Taken up again after a crash, a site is crawled anew; snapshots conflict on (run_id,
// profile_id), so no profile is stored twice, and the profile count is recounted from the site
// run's snapshots rather than from this attempt's writes.

import { getAdapter } from '../../crawlers/index.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { normaliseProfile } from '../normalise/profile.ts';
import type { Database } from '../store/database.ts';
import { countSiteRunSnapshots, finishSiteRun, requeueSiteRun, takeSiteRun } from '../store/run-store.ts';
import type { RunObserver, SiteCounters } from './run-observer.ts';
import { judgeSite, type SiteRunStatus } from './run-status.ts';
import { crawlSite, type PageError } from './site-crawler.ts';
import { SnapshotWriter } from './snapshot-writer.ts';
import { withStorageRetry } from './storage-retry.ts';

export interface SiteOutcome {
  siteId: string;
  name: string;
  siteRunId: number;
  status: SiteRunStatus;
  pagesFetched: number;
  profiles: number;
  duplicates: number;
  errorCount: number;
  errors: PageError[];
  failureReason: string | null;
  durationMs: number;
  /** Why the site's robots.txt was not obeyed (its sites-file robotsOverride); absent when obeyed. */
  robotsOverride?: string | null;
  /** URLs robots.txt refused (among errorCount). */
  robotsRefused?: number;
  /** The start hosts' robots.txt Crawl-delay, when it slowed the crawl (seconds). */
  crawlDelaySecs?: number | null;
  /** How many times the site run was taken up (1 in the in-process path). */
  attempts?: number;
  /** The site run had already ended when this job took it up: nothing was crawled. */
  alreadyFinished?: boolean;
}

export interface SiteJobOptions {
  db: Database;
  runId: number;
  site: ResolvedSite;
  crawl: CrawlSettings;
  /** Shared by the sites of a run in one process (one write chain); a new one otherwise. */
  writer?: SnapshotWriter;
  observer?: RunObserver;
  signal?: AbortSignal;
  /**
   * false when a failed site will be tried again (a queue job with attempts left): the site run
   * goes back to `queued` with its reason and SiteJobRetryError is thrown. Default true.
   */
  finalAttempt?: boolean;
  /**
   * When `signal` aborts the crawl: store what was read, leave the site run `running` and throw
   * SiteJobHandedBackError, so that the job can be taken up again (a worker shutting down).
   * Default false: the site run ends `interrupted` (Ctrl-C of the in-process run).
   */
  handBackOnAbort?: boolean;
  /** Called with the live counters as pages and profiles come in (queue job progress). */
  onProgress?: (counters: SiteCounters) => void;
}

/** A site failed on an attempt that is not its last: the caller (the queue) tries again later. */
export class SiteJobRetryError extends Error {
  constructor(
    readonly siteId: string,
    readonly reason: string,
  ) {
    super(`site ${siteId}: ${reason}`);
    this.name = 'SiteJobRetryError';
  }
}

/** The crawl was stopped to give the job back; what it read is stored, the site run still `running`. */
export class SiteJobHandedBackError extends Error {
  constructor(readonly siteId: string, why: unknown) {
    super(`site ${siteId}: ${why instanceof Error ? why.message : 'stopped'}`);
    this.name = 'SiteJobHandedBackError';
  }
}

export async function crawlSiteIntoRun(opts: SiteJobOptions): Promise<SiteOutcome> {
  const { db, runId, site, crawl, observer, signal } = opts;
  // A declarative adapter from the sites file comes with the site; a name is looked up in the registry.
  const adapter = site.adapterSpec ?? getAdapter(site.adapter);
  if (!adapter) throw new Error(`adapter "${site.adapter}" vanished from the registry`);
  const taken = await withStorageRetry(() => takeSiteRun(db, runId, site.id));
  if (taken.finished) return finishedOutcome(db, site, taken.id, taken.finished, taken.attempts);

  const writer = opts.writer ?? new SnapshotWriter(db);
  const ctx = { runId, siteRunId: taken.id, siteId: site.id };
  const counters: SiteCounters = { pages: 0, profiles: 0, errors: 0 };
  const progress = () => {
    observer?.siteProgress?.(site.id, counters);
    opts.onProgress?.(counters);
  };
  const started = Date.now();
  observer?.siteStarted?.(site.id);
  // A storage failure stops this site's crawl: pages read after it could not be kept.
  const siteAbort = new AbortController();
  const onRunAbort = () => siteAbort.abort();
  signal?.addEventListener('abort', onRunAbort, { once: true });
  if (signal?.aborted) siteAbort.abort();

  const crawlResult = await crawlSite(
    site,
    adapter,
    crawl,
    {
      async onProfile(raw, observedAt) {
        const profile = normaliseProfile(site.id, raw, observedAt);
        counters.profiles += 1;
        progress();
        await writer.add(ctx, profile);
        if (writer.totalsFor(taken.id).error) siteAbort.abort();
      },
      onPage() {
        counters.pages += 1;
        progress();
      },
      onError(error) {
        counters.errors += 1;
        observer?.pageError?.(site.id, error);
        progress();
      },
    },
    siteAbort.signal,
  );
  signal?.removeEventListener('abort', onRunAbort);
  await writer.flush(ctx);
  const totals = writer.totalsFor(taken.id);
  if (opts.handBackOnAbort && signal?.aborted && !totals.error) throw new SiteJobHandedBackError(site.id, signal.reason);
  if (totals.error) crawlResult.aborted = false;
  const judgement = judgeSite(crawlResult, totals.error);
  const durationMs = Date.now() - started;
  if (judgement.status === 'failed' && opts.finalAttempt === false) {
    const reason = judgement.failureReason ?? 'failed';
    await withStorageRetry(() => requeueSiteRun(db, taken.id, reason));
    throw new SiteJobRetryError(site.id, reason);
  }
  // What the site run holds, whatever earlier attempts of it wrote.
  const profiles = await withStorageRetry(() => countSiteRunSnapshots(db, taken.id));
  const result = {
    status: judgement.status,
    pagesFetched: crawlResult.pagesFetched,
    profilesFound: profiles,
    errorCount: crawlResult.errorCount,
    errors: crawlResult.errors,
    failureReason: judgement.failureReason,
    durationMs,
  } as const;
  await withStorageRetry(() => finishSiteRun(db, taken.id, result));
  observer?.siteFinished?.(site.id, judgement.status, counters);
  return {
    siteId: site.id,
    name: site.name,
    siteRunId: taken.id,
    status: judgement.status,
    pagesFetched: crawlResult.pagesFetched,
    profiles,
    duplicates: totals.duplicates,
    errorCount: crawlResult.errorCount,
    errors: crawlResult.errors,
    failureReason: judgement.failureReason,
    durationMs,
    robotsOverride: site.robotsOverride,
    robotsRefused: crawlResult.robotsRefused,
    crawlDelaySecs: crawlResult.crawlDelaySecs,
    attempts: taken.attempts,
  };
}

async function finishedOutcome(db: Database, site: ResolvedSite, siteRunId: number, status: SiteRunStatus, attempts: number): Promise<SiteOutcome> {
  const row = await db.prisma.siteRun.findUniqueOrThrow({ where: { id: siteRunId } });
  return {
    siteId: site.id,
    name: site.name,
    siteRunId,
    status,
    pagesFetched: row.pagesFetched,
    profiles: row.profilesFound,
    duplicates: 0,
    errorCount: row.errorCount,
    errors: [],
    failureReason: row.failureReason,
    durationMs: row.durationMs ?? 0,
    robotsOverride: site.robotsOverride,
    attempts,
    alreadyFinished: true,
  };
}
