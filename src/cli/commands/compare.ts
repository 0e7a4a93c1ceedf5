import { Command } from 'commander';

export function compareCommand(): Command {
  return new Command('compare')
    .summary('what changed between two runs: profiles that appeared, disappeared or moved')
    .description(
      'Compares two mapping runs profile by profile, site by site: profiles that appeared, that\n' +
        'disappeared, and that moved to another municipality (with the moves between police regions).\n' +
        'A site that failed or was only partly read in either run is shown as "incomplete": its\n' +
        'missing profiles are not counted as gone, because nobody knows. Sites mapped in only one of\n' +
        'the runs are shown as opened or closed.',
    )
    .option('--to <id|latest>', 'the later run', 'latest')
    .option('--from <id>', 'the earlier run (default: the finished run before --to)')
    .option('--json', 'print every changed profile as JSON (site, key, URL; moves with both places)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla compare                      the latest run against the one before it\n' +
        '  kartla compare --from 12 --to 31    this year\'s national mapping against last year\'s\n' +
        '  kartla compare --json > changes.json',
    )
    .action(async (opts: { to: string; from?: string; json?: boolean }) => {
      const { previousRunId, resolveRunId } = await import('../../store/run-queries.ts');
      const { compareRuns } = await import('../../store/run-compare.ts');
      const { formatComparison } = await import('../comparison-view.ts');
      const { withDatabase } = await import('../database.ts');
      await withDatabase(async (db) => {
        const to = await resolveRunId(db, opts.to);
        const from = opts.from === undefined ? await previousRunId(db, to) : await resolveRunId(db, opts.from);
        const comparison = await compareRuns(db, from, to);
        process.stdout.write(opts.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatComparison(comparison)}\n`);
      });
    });
}
