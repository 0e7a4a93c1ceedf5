import { Command, Option } from 'commander';
import { positiveInt } from '../arguments.ts';

export function workerCommand(): Command {
  return new Command('worker')
    .summary('run queued site jobs and finalise runs (the queue path)')
    .description(
      'Takes jobs from the queue in Redis (REDIS_URL) and does them against PostgreSQL (DATABASE_URL):\n' +
        'crawls the sites of runs started with `kartla map --queue` or by `kartla scheduler`, and finalises\n' +
        'each run (clustering, status) once all its sites have ended. Start as many workers as you like,\n' +
        'on one machine or several: a site is crawled by one worker at a time, within its rate limit.\n' +
        'SIGTERM or Ctrl-C: takes no new job, finishes the ones in hand and exits 0; a second signal\n' +
        'stops them at once, stores what was read and hands the jobs back to the queue.',
    )
    .addOption(new Option('--concurrency <n>', 'site jobs at the same time in this worker').argParser(positiveInt).default(2))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  DATABASE_URL=postgresql://kartla@db/kartla kartla worker\n' +
        '  REDIS_URL=redis://queue.internal:6379 kartla worker --concurrency 4\n\n' +
        'Environment: DATABASE_URL (required), REDIS_URL (default redis://127.0.0.1:6379),\n' +
        'KARTLA_QUEUE_PREFIX (default kartla), KARTLA_SITE_ATTEMPTS (default 3), KARTLA_SITE_BACKOFF_MS\n' +
        '(first retry delay, default 30000), KARTLA_JOB_LOCK_MS and KARTLA_STALLED_INTERVAL_MS (how soon a\n' +
        'dead worker\'s job is taken up again, default 30000), KARTLA_SITE_LOCK_MS (default 60000).\n' +
        'Every worker needs the sites file at the path it was given to `kartla map --queue` or the scheduler.\n' +
        'Exit codes: 0 stopped by a signal, 1 Redis or PostgreSQL cannot be reached, 2 bad arguments.',
    )
    .action(async (opts: { concurrency: number }) => {
      const { queueEnvironment } = await import('../../queue/environment.ts');
      const { startWorkers } = await import('../../queue/worker.ts');
      const { openDatabaseFromEnvironment } = await import('../database.ts');
      const env = await queueEnvironment('kartla worker');
      const db = await openDatabaseFromEnvironment();
      const workers = startWorkers({ db, connect: env.connect, prefix: env.prefix, settings: env.settings, concurrency: opts.concurrency });
      process.stdout.write(`Worker ${process.pid} ready: ${opts.concurrency} site job(s) at a time, queue prefix "${env.prefix}". Stop with SIGTERM or Ctrl-C.\n`);
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals) => {
          signals += 1;
          if (signals === 1) {
            process.stdout.write(`${signal}: taking no new job; finishing the jobs in hand (${signal} again hands them back at once)...\n`);
            workers.close().then(resolve, resolve);
          } else {
            process.stdout.write(`${signal}: handing the jobs in hand back to the queue...\n`);
            workers.handBack();
          }
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      await db.close().catch(() => {});
      process.stdout.write('Worker stopped.\n');
    });
}
