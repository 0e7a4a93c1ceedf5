import { Command, Option } from 'commander';
import { adapterNames } from '../../../crawlers/index.ts';
import { UsageError } from '../../errors.ts';
import { positiveInt } from '../arguments.ts';

export const DEFAULT_SITES_FILE = 'config/sites.yaml';

export function mapCommand(): Command {
  return new Command('map')
    .summary('run one mapping over the sites in the sites file')
    .description(
      'Crawls every enabled site of the sites file (or the ones named with --site), reads each profile,\n' +
        'normalises age, gender, place and phones, and stores everything as one dated run.\n' +
        'A site that fails does not stop the others; the run then ends "partial".',
    )
    .option('--sites <file>', 'the sites file (YAML)', DEFAULT_SITES_FILE)
    .option('--site <id...>', 'map only these site ids (also ones with enabled: false)')
    .option('--label <text>', 'a label for the run, e.g. "national mapping 2026"')
    .addOption(new Option('--site-concurrency <n>', 'how many sites to crawl at the same time').argParser(positiveInt).default(4))
    .option('--no-progress', 'print plain log lines instead of the live display')
    .option('--queue', 'put the run on the queue for `kartla worker`s (needs REDIS_URL and DATABASE_URL) and follow it until it ends')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla map                               all enabled sites of config/sites.yaml\n' +
        '  kartla map --site site-a --site site-b   only these two\n' +
        '  kartla map --sites my-sites.yaml --label "monthly 2026-11"\n' +
        '  kartla map --queue --label "monthly 2026-11"   on the workers (kartla worker), followed from here\n\n' +
        'Exit codes: 0 the run completed (or was partial: see the summary), 1 the run failed,\n' +
        '2 bad arguments or sites file (nothing crawled), 130 interrupted with Ctrl-C.\n' +
        'The database is the embedded one in ./data unless DATABASE_URL is set (required with --queue).\n' +
        'With --queue, Ctrl-C stops following; the run goes on on the workers (see kartla runs).',
    )
    .action(async (opts: { sites: string; site?: string[]; label?: string; siteConcurrency: number; progress: boolean; queue?: boolean }) => {
      // Loaded here, not at the top, so that `kartla --help` does not wait for crawlee and Prisma.
      const { loadSitesFile } = await import('../../config/sites-loader.ts');
      const { withDatabase } = await import('../database.ts');
      const { runAndReport } = await import('../run-and-report.ts');
      const loaded = loadSitesFile(opts.sites, { knownAdapters: adapterNames() });
      let sites = loaded.sites.filter((s) => s.enabled);
      if (opts.site) {
        const unknown = opts.site.filter((id) => !loaded.sites.some((s) => s.id === id));
        if (unknown.length > 0) {
          throw new UsageError(
            `unknown site id ${unknown.map((id) => `"${id}"`).join(', ')} in --site; ${opts.sites} has: ${loaded.sites.map((s) => s.id).join(', ')}`,
          );
        }
        sites = loaded.sites.filter((s) => opts.site!.includes(s.id));
      }
      if (sites.length === 0) {
        throw new UsageError(`${opts.sites}: no site is enabled; enable one or name it with --site <id>`);
      }
      if (opts.queue) {
        const { mapOnQueue } = await import('../map-on-queue.ts');
        await mapOnQueue({ sitesFile: opts.sites, sites, loaded, label: opts.label ?? null, progress: opts.progress });
        return;
      }
      await withDatabase((db) =>
        runAndReport({
          db,
          sites,
          crawl: loaded.crawl,
          clustering: loaded.clustering,
          alerts: loaded.alerts,
          label: opts.label ?? null,
          // Clustering settings are kept with the run, so `kartla cluster --run` can redo it alike.
          options: { command: 'map', sitesFile: opts.sites, sites: sites.map((s) => s.id), clustering: loaded.clustering },
          progress: opts.progress,
          siteConcurrency: opts.siteConcurrency,
          purgeAfterDays: loaded.retention.purgeAfterDays,
        }),
      );
    });
}
