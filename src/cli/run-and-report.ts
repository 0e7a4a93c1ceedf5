// Runs one mapping with a progress display and Ctrl-C handling, prints the summary, and turns
// the run's status into the command's outcome. Shared by `kartla map` and `kartla demo`.

import type { AlertSettings, CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { runMapping, type RunResult } from '../crawl/mapping-run.ts';
import type { ClusteringOptions } from '../cluster/cluster-run.ts';
import { RunFailedError, RunInterruptedError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { purgeOlderThan } from '../store/purge.ts';
import { runFieldStats, runPhoneStats } from '../store/run-queries.ts';
import { abortOnSignals } from './interrupt.ts';
import { createProgress } from './progress.ts';
import { formatSummary } from './summary.ts';

export interface RunAndReportOptions {
  db: Database;
  sites: readonly ResolvedSite[];
  crawl: CrawlSettings;
  clustering?: ClusteringOptions;
  /** The sites file's `alerts:` (drift alert thresholds and webhook). */
  alerts?: AlertSettings;
  label: string | null;
  options: Record<string, unknown>;
  progress: boolean;
  siteConcurrency?: number;
  out?: NodeJS.WritableStream;
  /** retention.purgeAfterDays of the sites file: purge older runs once this one has ended. */
  purgeAfterDays?: number | null;
}

export async function runAndReport(opts: RunAndReportOptions): Promise<RunResult> {
  const progress = createProgress({ plain: !opts.progress });
  const interrupt = abortOnSignals(() => {
    process.stderr.write('\nStopping: finishing the pages in flight and saving what was read (Ctrl-C again to quit at once)...\n');
  });
  let result: RunResult;
  try {
    result = await runMapping({
      db: opts.db,
      sites: opts.sites,
      crawl: opts.crawl,
      clustering: opts.clustering,
      alerts: opts.alerts,
      label: opts.label,
      options: opts.options,
      observer: progress,
      signal: interrupt.signal,
      siteConcurrency: opts.siteConcurrency,
    });
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  await reportRun(opts, result);
  return result;
}

/**
 * The end of `kartla map` (in this process or on the queue): the summary table, retention, and
 * the run's status as the command's outcome (an error for `interrupted` and `failed`).
 */
export async function reportRun(
  opts: Pick<RunAndReportOptions, 'db' | 'label' | 'out' | 'purgeAfterDays'>,
  result: RunResult,
): Promise<void> {
  const out = opts.out ?? process.stdout;
  const stats = await runPhoneStats(opts.db, result.runId);
  const phones = {
    perSite: Object.fromEntries(stats.perSite.map((s) => [s.siteId, s.phones])),
    total: stats.totalPhones,
    shared: stats.sharedPhones,
  };
  const fields = await runFieldStats(opts.db, result.runId);
  out.write(`\n${formatSummary(result, phones, opts.label, fields)}\n`);
  const health = result.health;
  if (health && 'error' in health) out.write(`${health.error}\n`);
  else if (health && health.alerts.length > 0) {
    // Drift alerts at the end of the run, so a site that changed its layout is seen before a report is read.
    out.write(`Drift and health alerts (${health.alerts.length}; kartla health --run ${result.runId}):\n`);
    for (const a of health.alerts.slice(0, 10)) out.write(`  ${a.severity === 'critical' ? '!!' : '! '} ${a.message}\n`);
    if (health.alerts.length > 10) out.write(`  … and ${health.alerts.length - 10} more\n`);
  }
  if (opts.purgeAfterDays && result.status !== 'interrupted') {
    // Retention runs with the mapping, so that no one has to remember it.
    const purged = await purgeOlderThan(opts.db, new Date(Date.now() - opts.purgeAfterDays * 86_400_000));
    if (purged.snapshots > 0) {
      out.write(
        `Retention (retention.purgeAfterDays: ${opts.purgeAfterDays}): identifiers, URLs and texts of ${purged.snapshots} snapshots in runs older than ${opts.purgeAfterDays} days forgotten.\n`,
      );
    }
  }
  if (result.status === 'interrupted') {
    throw new RunInterruptedError(`Run ${result.runId} was interrupted; what was read is stored and the run is marked interrupted.`);
  }
  if (result.status === 'failed') {
    throw new RunFailedError(`Run ${result.runId} failed: no site could be mapped. See the reasons above.`);
  }
}
