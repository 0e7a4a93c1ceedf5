// `kartla map --queue`: the run is created `queued` and put on the queue as a flow of site jobs
// for the workers; this process follows it until it ends and prints the same summary as the
// in-process path, with the same exit codes.

import path from 'node:path';
import type { LoadedSites, ResolvedSite } from '../config/sites-loader.ts';
import { RunInterruptedError } from '../errors.ts';
import { createRedis } from '../queue/connection.ts';
import { queueEnvironment } from '../queue/environment.ts';
import { followRun } from '../queue/follow.ts';
import { enqueueRun } from '../queue/run-flow.ts';
import { withDatabase } from './database.ts';
import { abortOnSignals } from './interrupt.ts';
import { createProgress } from './progress.ts';
import { reportRun } from './run-and-report.ts';

export interface MapOnQueueOptions {
  sitesFile: string;
  sites: readonly ResolvedSite[];
  loaded: LoadedSites;
  label: string | null;
  progress: boolean;
}

export async function mapOnQueue(opts: MapOnQueueOptions): Promise<void> {
  const env = await queueEnvironment('kartla map --queue');
  // Workers read the sites file themselves: give them a path that means the same from anywhere.
  const sitesFile = path.resolve(opts.sitesFile);
  const redis = createRedis(env.redisUrl, { worker: true });
  try {
    await withDatabase(async (db) => {
      const { runId } = await enqueueRun(db, redis, env.prefix, env.settings, {
        sitesFile,
        sites: opts.sites,
        label: opts.label,
        options: { command: 'map --queue', sitesFile, sites: opts.sites.map((s) => s.id), clustering: opts.loaded.clustering },
      });
      process.stderr.write(`Run ${runId} queued: ${opts.sites.length} site job(s) for the workers (kartla worker).\n`);
      const progress = createProgress({ plain: !opts.progress });
      const interrupt = abortOnSignals(() => {});
      let result;
      try {
        result = await followRun({ db, redis, prefix: env.prefix, runId, observer: progress, signal: interrupt.signal });
      } finally {
        progress.stop();
        interrupt.dispose();
      }
      if (!result) {
        throw new RunInterruptedError(`Stopped following run ${runId}; it goes on on the workers. See it with \`kartla runs\`.`);
      }
      await reportRun({ db, label: opts.label, purgeAfterDays: null }, result);
    });
  } finally {
    redis.disconnect();
  }
}
