import { Command } from 'commander';

export function evalCommand(): Command {
  return new Command('eval')
    .summary('score a run against ground truth (synthetic webs only)')
    .description(
      'Compares the export of a run with a ground-truth file (JSON array or JSON Lines of profiles,\n' +
        'as the synthetic webs write it) and prints profile recall and precision, per-field accuracy,\n' +
        'phone precision and recall, pairwise clustering precision/recall/F1 against the organisations,\n' +
        'and counts per site, gender, age band and police region.',
    )
    .requiredOption('--truth <file>', 'the ground-truth file')
    .requiredOption('--run <id|latest>', 'the run to score (see `kartla runs`)')
    .option('--json', 'print the scores as JSON')
    .addHelpText('after', '\nExample:\n  kartla eval --truth national-2025.truth.jsonl --run latest')
    .action(async (opts: { truth: string; run: string; json?: boolean }) => {
      const { readTruthFile } = await import('../../eval/truth-file.ts');
      const { formatScorecard, scoreRun } = await import('../../eval/score.ts');
      const { exportRecords, resolveRunId } = await import('../../store/run-queries.ts');
      const { withDatabase } = await import('../database.ts');
      const truth = readTruthFile(opts.truth);
      await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run);
        const records = [];
        for await (const record of exportRecords(db, runId, { reveal: true })) records.push(record);
        const { clusterIdsByUrl } = await import('../../store/cluster-queries.ts');
        const score = scoreRun(records, truth, { combinedClusterIds: await clusterIdsByUrl(db, runId, 'combined') });
        process.stdout.write(opts.json ? `${JSON.stringify(score, null, 2)}\n` : `Run ${runId} against ${opts.truth}\n\n${formatScorecard(score)}\n`);
      });
    });
}
