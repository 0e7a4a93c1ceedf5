import Table from 'cli-table3';
import { Command, Option } from 'commander';
import { positiveInt } from '../arguments.ts';

export function runsCommand(): Command {
  return new Command('runs')
    .summary('list mapping runs, newest first')
    .description('Lists the mapping runs in the database with their status and counts, newest first.')
    .addOption(new Option('--limit <n>', 'show at most this many runs').argParser(positiveInt).default(20))
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExamples:\n  kartla runs\n  kartla runs --limit 5 --json\n\nStatus: queued (on the queue, no site started yet), running (Finished shows how many sites are done), completed, partial (some sites failed or were only partly read), failed, interrupted.')
    .action(async (opts: { limit: number; json?: boolean }) => {
      const { listRuns } = await import('../../store/run-queries.ts');
      const { withDatabase } = await import('../database.ts');
      const runs = await withDatabase((db) => listRuns(db, { limit: opts.limit }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        process.stdout.write('No runs yet. Start one with `kartla map` (or try `kartla demo`).\n');
        return;
      }
      const table = new Table({
        head: ['Run', 'Label', 'Started', 'Finished', 'Status', 'Sites ok', 'Sites failed', 'Profiles'],
        style: { head: [], border: [] },
      });
      for (const run of runs) {
        table.push([
          run.id,
          run.label ?? '',
          formatTime(run.startedAt),
          run.finishedAt ? formatTime(run.finishedAt) : run.status === 'queued' || run.status === 'running' ? `${run.sitesOk + run.sitesPartial + run.sitesFailed} of ${run.sites} sites done` : '',
          run.status,
          run.sitesPartial ? `${run.sitesOk} (+${run.sitesPartial} partial)` : run.sitesOk,
          run.sitesFailed,
          run.profiles,
        ]);
      }
      process.stdout.write(`${table.toString()}\n`);
    });
}

function formatTime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}
