import { Command } from 'commander';

export function renormaliseCommand(): Command {
  return new Command('renormalise')
    .summary('re-run the normalisers over a stored run, without crawling again')
    .description(
      'Recomputes age, gender, place and phones of every profile in a run from the raw values the\n' +
        'run stored, so that a better normaliser improves old runs. The raw values, the run\'s dates\n' +
        'and status and the profiles\' first and last seen stay as they are.',
    )
    .requiredOption('--run <id|latest>', 'the run: its number (see `kartla runs`) or "latest"')
    .option('--dry-run', 'only count what would change')
    .addHelpText('after', '\nExamples:\n  kartla renormalise --run latest --dry-run\n  kartla renormalise --run 12')
    .action(async (opts: { run: string; dryRun?: boolean }) => {
      const { withDatabase } = await import('../database.ts');
      const { resolveRunId } = await import('../../store/run-queries.ts');
      const { renormaliseRun } = await import('../../store/renormalise.ts');
      const { normaliseFields } = await import('../../normalise/profile.ts');
      await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run);
        const report = await renormaliseRun(db, runId, (raw) => normaliseFields(raw.fields, raw.phones, raw.observedAt, raw.contacts), {
          dryRun: opts.dryRun,
          onProgress: (done) => process.stderr.write(`\rrenormalised ${done} snapshots`),
        });
        process.stderr.write('\n');
        const verb = opts.dryRun ? 'would change' : 'changed';
        process.stdout.write(
          `Run ${runId}: ${report.snapshots} snapshots, ${report.changed} ${verb}` +
            ` (age ${report.byField.age}, minor cue ${report.byField.minorCue}, gender ${report.byField.gender},` +
            ` place ${report.byField.location}, phones ${report.byField.phones}, contacts ${report.byField.contacts}).\n` +
            (report.phonesKept ? `${report.phonesKept} snapshots predate stored phone candidates; their phones were kept.\n` : ''),
        );
      });
    });
}
