// One mapping run: every selected site is crawled (a few at a time), each profile page is
// normalised and written as a snapshot, and the run and its site runs are closed with a status.
// Flow: config -> crawl (site adapter) -> extract -> normalise -> store snapshot.

import { getAdapter } from '../../crawlers/index.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { normaliseProfile } from '../normalise/profile.ts';
import type { Database } from '../store/database.ts';
import { finishRun, finishSiteRun, markStaleRunsInterrupted, startRun, startSiteRun, upsertSites } from '../store/run-store.ts';
import type { RunObserver, SiteCounters } from './run-observer.ts';
import { judgeRun, judgeSite, type RunStatus, type SiteRunStatus } from './run-status.ts';
import { crawlSite, type PageError } from './site-crawler.ts';
import { SnapshotWriter } from './snapshot-writer.ts';
import { clusterRun, type ClusteringOptions, type ClusteringSummary } from '../cluster/cluster-run.ts';

export interface MappingRunOptions {
  db: Database;
  sites: readonly ResolvedSite[];
  crawl: CrawlSettings;
  label?: string | null;
  /** Recorded with the run (sites file, selected ids, ...). */
  options?: Record<string, unknown>;
  observer?: RunObserver;
  signal?: AbortSignal;
  /** How many sites are crawled at the same time; each keeps its own politeness limits. */
  siteConcurrency?: number;
  /** Options of the clustering that ends the run; false leaves clustering to `kartla cluster`. */
  clustering?: ClusteringOptions | false;
}

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
}

export interface RunResult {
  runId: number;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date;
  sites: SiteOutcome[];
  /** What clustering made of the run; null when it did not run (interrupted, failed or switched off). */
  clustering: ClusteringSummary | { error: string } | null;
}

export async function runMapping(opts: MappingRunOptions): Promise<RunResult> {
  const { db, crawl, observer, signal } = opts;
  await markStaleRunsInterrupted(db);
  await upsertSites(db, opts.sites.map(({ id, name }) => ({ id, name })));
  // A robots.txt override is part of the run's record, with its written reason.
  const robotsOverrides = Object.fromEntries(opts.sites.filter((s) => s.robotsOverride).map((s) => [s.id, s.robotsOverride]));
  const options = { ...opts.options, ...(Object.keys(robotsOverrides).length > 0 ? { robotsOverrides } : {}) };
  const run = await startRun(db, { label: opts.label ?? null, options });
  observer?.runStarted?.(run.id, opts.sites.map((s) => s.id));

  const writer = new SnapshotWriter(db);
  const outcomes: SiteOutcome[] = [];
  const queue = [...opts.sites];
  const workers = Array.from({ length: Math.max(1, Math.min(opts.siteConcurrency ?? 4, queue.length)) }, async () => {
    for (let site = queue.shift(); site; site = queue.shift()) {
      outcomes.push(await mapSite(site));
    }
  });

  async function mapSite(site: ResolvedSite): Promise<SiteOutcome> {
    // A declarative adapter from the sites file comes with the site; a name is looked up in the registry.
    const adapter = site.adapterSpec ?? getAdapter(site.adapter);
    if (!adapter) throw new Error(`adapter "${site.adapter}" vanished from the registry`);
    const siteRun = await startSiteRun(db, run.id, site.id);
    const ctx = { runId: run.id, siteRunId: siteRun.id, siteId: site.id };
    const counters: SiteCounters = { pages: 0, profiles: 0, errors: 0 };
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
          observer?.siteProgress?.(site.id, counters);
          await writer.add(ctx, profile);
          if (writer.totalsFor(siteRun.id).error) siteAbort.abort();
        },
        onPage() {
          counters.pages += 1;
          observer?.siteProgress?.(site.id, counters);
        },
        onError(error) {
          counters.errors += 1;
          observer?.pageError?.(site.id, error);
          observer?.siteProgress?.(site.id, counters);
        },
      },
      siteAbort.signal,
    );
    signal?.removeEventListener('abort', onRunAbort);
    await writer.flush(ctx);
    const totals = writer.totalsFor(siteRun.id);
    if (totals.error) crawlResult.aborted = false;
    const judgement = judgeSite(crawlResult, totals.error);
    const durationMs = Date.now() - started;
    await finishSiteRun(db, siteRun.id, {
      status: judgement.status,
      pagesFetched: crawlResult.pagesFetched,
      profilesFound: totals.written,
      errorCount: crawlResult.errorCount,
      errors: crawlResult.errors,
      failureReason: judgement.failureReason,
      durationMs,
    });
    observer?.siteFinished?.(site.id, judgement.status, counters);
    return {
      siteId: site.id,
      name: site.name,
      siteRunId: siteRun.id,
      status: judgement.status,
      pagesFetched: crawlResult.pagesFetched,
      profiles: totals.written,
      duplicates: totals.duplicates,
      errorCount: crawlResult.errorCount,
      errors: crawlResult.errors,
      failureReason: judgement.failureReason,
      durationMs,
      robotsOverride: site.robotsOverride,
      robotsRefused: crawlResult.robotsRefused,
      crawlDelaySecs: crawlResult.crawlDelaySecs,
    };
  }

  try {
    await Promise.all(workers);
  } catch (error) {
    await finishRun(db, run.id, signal?.aborted ? 'interrupted' : 'failed');
    throw error;
  }
  // Sites never started because the user interrupted first are simply absent from the run.
  const status = judgeRun(outcomes.map((o) => o.status), signal?.aborted ?? false);
  const clustering = status === 'completed' || status === 'partial' ? await finalise(db, run.id, opts.clustering, observer) : null;
  const finished = await finishRun(db, run.id, status);
  observer?.runFinished?.();
  outcomes.sort((a, b) => opts.sites.findIndex((s) => s.id === a.siteId) - opts.sites.findIndex((s) => s.id === b.siteId));
  return { runId: run.id, status, startedAt: run.startedAt, finishedAt: finished?.finishedAt ?? new Date(), sites: outcomes, clustering };
}

/**
 * The last step of a run. A failure here loses nothing the crawl stored: the run still finishes
 * with the status its sites earned, and the error says how to cluster it again.
 */
async function finalise(
  db: Database,
  runId: number,
  options: ClusteringOptions | false | undefined,
  observer: RunObserver | undefined,
): Promise<ClusteringSummary | { error: string } | null> {
  if (options === false) return null;
  observer?.finaliseStarted?.('clustering');
  try {
    const summary = await clusterRun(db, runId, options ?? {});
    observer?.finaliseFinished?.('clustering');
    return summary;
  } catch (error) {
    const message = `Clustering of run ${runId} failed: ${(error as Error).message}. The run's profiles are stored; cluster them again with \`kartla cluster --run ${runId}\`.`;
    observer?.finaliseFinished?.('clustering', message);
    return { error: message };
  }
}
