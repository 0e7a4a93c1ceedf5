import { Command, Option } from 'commander';
import { positiveInt } from '../arguments.ts';
import { DEFAULT_SITES_FILE } from './map.ts';

export function schedulerCommand(): Command {
  return new Command('scheduler')
    .summary('keep the recurring runs of the sites file\'s schedules: on the queue')
    .description(
      'Keeps one BullMQ job scheduler in Redis per entry of the sites file\'s `schedules:` (id, cron, tz,\n' +
        'label, sites). At each time a worker (kartla worker) starts the run, as `kartla map --queue` would.\n' +
        'Several schedulers may run (for availability): a run starts once per time whatever their number.\n' +
        'Schedulers no longer in the file are removed. Without --once it stays up, and re-reads the file\n' +
        'every --resync seconds, until SIGTERM or Ctrl-C (exit 0).',
    )
    .option('--sites <file>', 'the sites file (YAML) with `schedules:`', DEFAULT_SITES_FILE)
    .option('--once', 'set the schedulers and exit')
    .addOption(new Option('--resync <seconds>', 'how often to re-read the sites file').argParser(positiveInt).default(60))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla scheduler                        keep the schedules of config/sites.yaml\n' +
        '  kartla scheduler --sites prod.yaml --once\n\n' +
        'A schedule in the sites file:\n' +
        '  schedules:\n' +
        '    - { id: monthly, cron: "0 3 1 * *", label: "monthly mapping" }\n' +
        '    - { id: national, cron: "0 2 15 3 *", label: "national mapping", tz: Europe/Stockholm }\n\n' +
        'Environment: REDIS_URL (default redis://127.0.0.1:6379), KARTLA_QUEUE_PREFIX (default kartla).\n' +
        'Exit codes: 0 done or stopped by a signal, 1 Redis cannot be reached, 2 bad arguments or sites file.',
    )
    .action(async (opts: { sites: string; once?: boolean; resync: number }) => {
      const { queueEnvironment } = await import('../../queue/environment.ts');
      const { syncSchedules } = await import('../../queue/schedules.ts');
      const { UsageError } = await import('../../errors.ts');
      const { loadSitesFile } = await import('../../config/sites-loader.ts');
      const { adapterNames } = await import('../../../crawlers/index.ts');
      const path = await import('node:path');
      const sitesFile = path.resolve(opts.sites);
      const load = () => loadSitesFile(sitesFile, { knownAdapters: adapterNames() });
      const first = load();
      if (first.schedules.length === 0) {
        throw new UsageError(`${opts.sites} has no \`schedules:\`; add one, e.g. - { id: monthly, cron: "0 3 1 * *", label: "monthly mapping" }`);
      }
      const env = await queueEnvironment('kartla scheduler', { database: false });
      const redis = env.connect();
      try {
        const report = await syncSchedules(redis, env.prefix, sitesFile, first.schedules);
        for (const line of report) process.stdout.write(`${line}\n`);
        if (opts.once) return;
        process.stdout.write(`Scheduler ${process.pid} keeping ${first.schedules.length} schedule(s); stop with SIGTERM or Ctrl-C.\n`);
        await new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            let loaded;
            try {
              loaded = load();
            } catch (error) {
              process.stderr.write(`kartla scheduler: ${(error as Error).message} (keeping the schedules as they are)\n`);
              return;
            }
            syncSchedules(redis, env.prefix, sitesFile, loaded.schedules).catch((error: Error) =>
              process.stderr.write(`kartla scheduler: ${error.message} (will try again)\n`),
            );
          }, opts.resync * 1000);
          const stop = () => {
            clearInterval(timer);
            resolve();
          };
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
      } finally {
        redis.disconnect();
      }
    });
}
