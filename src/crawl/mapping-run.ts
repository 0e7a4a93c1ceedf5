// One mapping run: every selected site is crawled (a few at a time), each profile page is
// normalised and written as a snapshot, and the run and its site runs are closed with a status.
// Flow: config -> crawl (site adapter) -> extract -> normalise -> store snapshot.

import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import type { Database } from '../store/database.ts';
import { finishRun, markStaleRunsInterrupted, startRun, upsertSites } from '../store/run-store.ts';
import type { ClusteringOptions, ClusteringSummary } from '../cluster/cluster-run.ts';
import { finaliseRun, type HealthOutcome } from './finalise-run.ts';
import type { AlertSettings } from '../config/sites-schema.ts';
import type { RunObserver } from './run-observer.ts';
import type { RunStatus } from './run-status.ts';
import { crawlSiteIntoRun, type SiteOutcome } from './site-job.ts';
import { SnapshotWriter } from './snapshot-writer.ts';

export type { SiteOutcome } from './site-job.ts';

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
  /** Drift alert thresholds and webhook (the sites file's `alerts:`; defaults when absent); false skips them. */
  alerts?: AlertSettings | false;
}

export interface RunResult {
  runId: number;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date;
  sites: SiteOutcome[];
  /** What clustering made of the run; null when it did not run (interrupted, failed or switched off). */
  clustering: ClusteringSummary | { error: string } | null;
  /** Drift and health alerts raised at the end of the run; null when not assessed. */
  health?: HealthOutcome;
}

export async function runMapping(opts: MappingRunOptions): Promise<RunResult> {
  const { db, crawl, observer, signal } = opts;
  await markStaleRunsInterrupted(db);
  await upsertSites(db, opts.sites.map(({ id, name, group }) => ({ id, name, group })));
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

  function mapSite(site: ResolvedSite): Promise<SiteOutcome> {
    return crawlSiteIntoRun({ db, runId: run.id, site, crawl, writer, observer, signal });
  }

  try {
    await Promise.all(workers);
  } catch (error) {
    await finishRun(db, run.id, signal?.aborted ? 'interrupted' : 'failed');
    throw error;
  }
  const { status, finishedAt, clustering, health } = await finaliseRun(db, run.id, {
    siteStatuses: outcomes.map((o) => o.status),
    interrupted: signal?.aborted ?? false,
    clustering: opts.clustering,
    observer,
    alerts: opts.alerts,
  });
  observer?.runFinished?.();
  outcomes.sort((a, b) => opts.sites.findIndex((s) => s.id === a.siteId) - opts.sites.findIndex((s) => s.id === b.siteId));
  return { runId: run.id, status, startedAt: run.startedAt, finishedAt, sites: outcomes, clustering, health };
}
