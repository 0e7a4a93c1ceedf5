// The end of a run, shared by the in-process `kartla map` and the queue's finalise job: clustering
// (when the run's sites earned it), then the run's status.

import { alertSettingsSchema, type AlertSettings } from '../config/sites-schema.ts';
import { assessRunHealth, type StoredAlert } from '../health/assess.ts';
import type { Database } from '../store/database.ts';
import { finishRun } from '../store/run-store.ts';
import { clusterRun, type ClusteringOptions, type ClusteringSummary } from '../cluster/cluster-run.ts';
import type { RunObserver } from './run-observer.ts';
import { judgeRun, type RunStatus, type SiteRunStatus } from './run-status.ts';

export type ClusteringOutcome = ClusteringSummary | { error: string } | null;
/** Drift and health alerts of the run (src/health), or why they could not be assessed. */
export type HealthOutcome = { alerts: StoredAlert[] } | { error: string } | null;

export interface FinaliseRunOptions {
  siteStatuses: readonly SiteRunStatus[];
  interrupted?: boolean;
  /** Options of the clustering that ends the run; false leaves clustering to `kartla cluster`. */
  clustering?: ClusteringOptions | false;
  observer?: RunObserver;
  /** Thresholds and webhook of the drift alerts (the sites file's `alerts:`); false skips them. */
  alerts?: AlertSettings | false;
}

export interface FinalisedRun {
  status: RunStatus;
  finishedAt: Date;
  clustering: ClusteringOutcome;
  health: HealthOutcome;
}

export async function finaliseRun(db: Database, runId: number, opts: FinaliseRunOptions): Promise<FinalisedRun> {
  // Sites never started because the user interrupted first are simply absent from the run.
  const status = judgeRun(opts.siteStatuses, opts.interrupted ?? false);
  const clustering = status === 'completed' || status === 'partial' ? await finalise(db, runId, opts.clustering, opts.observer) : null;
  // A failed run is assessed too: every site failing at once is what an alert is for.
  const health = status === 'interrupted' ? null : await assess(db, runId, opts.alerts);
  const finished = await finishRun(db, runId, status);
  return { status, finishedAt: finished.finishedAt, clustering, health };
}

/** Run health and drift alerts; like clustering, a failure here costs the run nothing it stored. */
async function assess(db: Database, runId: number, settings: AlertSettings | false | undefined): Promise<HealthOutcome> {
  if (settings === false) return null;
  try {
    return { alerts: await assessRunHealth(db, runId, settings ?? alertSettingsSchema.parse({})) };
  } catch (error) {
    return { error: `Run health of run ${runId} could not be assessed: ${(error as Error).message}. Assess it again with \`kartla health --run ${runId}\`.` };
  }
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
): Promise<ClusteringOutcome> {
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
