import { Command, InvalidArgumentError, Option } from 'commander';
import { positiveInt } from '../arguments.ts';

const INDICATORS = ['shared-phone', 'multi-site', 'moved-region', 'foreign-phone', 'minor-cue', 'third-party', 'constant-availability', 'same-description', 'review-distress'];

function policeRegion(value: string): string {
  const regions = ['Bergslagen', 'Mitt', 'Nord', 'Stockholm', 'Syd', 'Väst', 'Öst'];
  const found = regions.find((r) => r.localeCompare(value.trim(), 'sv', { sensitivity: 'base' }) === 0);
  if (!found) throw new InvalidArgumentError(`"${value}" is not a police region; use one of ${regions.join(', ')}`);
  return found;
}

export function clustersCommand(): Command {
  return new Command('clusters')
    .summary("list a run's clusters: profiles tied together by shared phone numbers")
    .description(
      'Lists the clusters of a run, highest outreach priority first: profiles tied together by the\n' +
        'phone numbers they share (over each profile\'s history), with how many profiles, numbers and\n' +
        'sites, where they are advertised, their indicators, and how each changed since the last run.\n' +
        'Cluster ids stay the same from run to run while a cluster continues.',
    )
    .option('--run <id|latest>', 'the run (see `kartla runs`)', 'latest')
    .addOption(new Option('--min-size <n>', 'only clusters of at least this many profiles').argParser(positiveInt))
    .addOption(new Option('--region <police region>', 'only clusters advertised in this police region').argParser(policeRegion))
    .addOption(new Option('--indicator <code>', 'only clusters with this indicator').choices(INDICATORS))
    .addOption(new Option('--view <view>', 'phone: shared numbers only; combined: with the weaker ties').choices(['phone', 'combined']).default('phone'))
    .addOption(new Option('--limit <n>', 'show at most this many').argParser(positiveInt).default(50))
    .option('--json', 'print JSON (no phone numbers)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla clusters --min-size 3                     groups of three or more profiles, latest run\n' +
        '  kartla clusters --region Syd --indicator moved-region\n' +
        '  kartla cluster show 42                           one cluster: timeline, members, evidence',
    )
    .action(async (opts: { run: string; minSize?: number; region?: string; indicator?: string; view: 'phone' | 'combined'; limit: number; json?: boolean }) => {
      const { resolveRunId } = await import('../../store/run-queries.ts');
      const { countClusters, listClusters } = await import('../../store/cluster-queries.ts');
      const { formatClusterList } = await import('../cluster-view.ts');
      const { withDatabase } = await import('../database.ts');
      await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run);
        const filter = { view: opts.view, minSize: opts.minSize, region: opts.region, indicator: opts.indicator, limit: opts.limit };
        const [items, total] = await Promise.all([listClusters(db, runId, filter), countClusters(db, runId, filter)]);
        process.stdout.write(opts.json ? `${JSON.stringify({ runId, total, clusters: items }, null, 2)}\n` : `${formatClusterList(items, total, runId)}\n`);
      });
    });
}

export function clusterCommand(): Command {
  const command = new Command('cluster')
    .summary('cluster a run again, or show one cluster (`kartla cluster show <id>`)')
    .description(
      'With --run: clusters that run again (every mapping run already ends with clustering; do this\n' +
        'after changing clustering settings such as clustering.ignorePhones, or after a failure).\n' +
        'Clusters that continue keep their ids. The settings are the run\'s own unless --sites names a\n' +
        'sites file to take them from.',
    )
    .option('--run <id|latest>', 'the run to cluster')
    .option('--sites <file>', 'take the clustering settings from this sites file')
    .addHelpText('after', '\nExamples:\n  kartla cluster --run latest\n  kartla cluster show 42 --reveal')
    .action(async (opts: { run?: string; sites?: string }) => {
      if (!opts.run) {
        const { UsageError } = await import('../../errors.ts');
        throw new UsageError('kartla cluster needs --run <id|latest> to cluster a run, or `show <id>` to show a cluster (see kartla cluster --help)');
      }
      const { resolveRunId, getRun } = await import('../../store/run-queries.ts');
      const { clusterRun } = await import('../../cluster/cluster-run.ts');
      const { withDatabase } = await import('../database.ts');
      let ignorePhones: string[] | undefined;
      if (opts.sites) {
        const { loadSitesFile } = await import('../../config/sites-loader.ts');
        const { adapterNames } = await import('../../../crawlers/index.ts');
        ignorePhones = loadSitesFile(opts.sites, { knownAdapters: adapterNames() }).clustering.ignorePhones;
      }
      await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run!);
        if (!ignorePhones) {
          const stored = (await getRun(db, runId)).options as { clustering?: { ignorePhones?: string[] } } | null;
          ignorePhones = stored?.clustering?.ignorePhones ?? [];
        }
        const s = await clusterRun(db, runId, { ignorePhones });
        process.stdout.write(
          `Run ${runId}: ${s.clusters} clusters holding ${s.clusteredProfiles} profiles, the largest ${s.largest}` +
            (s.previousRunId === null ? '' : `; since run ${s.previousRunId}: ${s.continued} continued, ${s.newClusters} new, ${s.merges} merged, ${s.splits} split`) +
            `${s.ignoredLinks ? `; ${s.ignoredLinks} links through ignored numbers left out` : ''}.\nList them: kartla clusters --run ${runId}\n`,
        );
      });
    });
  command
    .command('show')
    .summary('one cluster: facts, indicators, timeline and members')
    .description('Shows one cluster as it stood in a run (default: the last run it was seen in): its facts,\nindicators with their evidence, what ties its members (shared numbers, Telegram users and e-mail\naddresses, near-identical descriptions and photos), its timeline across runs, and its members.\nNumbers and contacts are masked unless --reveal is given.')
    .argument('<id>', 'the cluster id (see `kartla clusters`)', positiveInt)
    .option('--run <id|latest>', 'show the cluster as it stood in this run')
    .option('--reveal', 'show phone numbers, Telegram users and e-mail addresses in full (recorded in the audit log)')
    .option('--json', 'print JSON (numbers masked unless --reveal)')
    .action(async (id: number, opts: { run?: string; reveal?: boolean; json?: boolean }) => {
      const { resolveRunId } = await import('../../store/run-queries.ts');
      const { getClusterDetail } = await import('../../store/cluster-queries.ts');
      const { formatClusterDetail, maskedDetail } = await import('../cluster-view.ts');
      const { withDatabase } = await import('../database.ts');
      await withDatabase(async (db) => {
        const runId = opts.run ? await resolveRunId(db, opts.run) : undefined;
        const detail = await getClusterDetail(db, id, runId);
        if (opts.reveal) {
          const { cliActor, recordAudit } = await import('../../store/audit-log.ts');
          await recordAudit(db, { actor: cliActor(), action: 'reveal', target: `cluster ${id} run ${detail.current.runId}` });
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(opts.reveal ? detail : maskedDetail(detail), null, 2)}\n`);
        else process.stdout.write(`${formatClusterDetail(detail, { reveal: opts.reveal === true })}\n`);
      });
    });
  return command;
}
