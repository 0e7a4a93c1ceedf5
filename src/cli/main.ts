// The `kartla` command line. Each command lives in its own file under commands/; errors become
// exit codes here and nowhere else.

import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { KartlaError } from '../errors.ts';
import { adaptersCommand } from './commands/adapters.ts';
import { clusterCommand, clustersCommand } from './commands/clusters.ts';
import { compareCommand } from './commands/compare.ts';
import { dbCommand } from './commands/db.ts';
import { healthCommand } from './commands/health.ts';
import { keysCommand } from './commands/keys.ts';
import { purgeCommand } from './commands/purge.ts';
import { demoCommand } from './commands/demo.ts';
import { evalCommand } from './commands/eval.ts';
import { exportCommand } from './commands/export.ts';
import { mapCommand } from './commands/map.ts';
import { normaliseCommand } from './commands/normalise.ts';
import { renormaliseCommand } from './commands/renormalise.ts';
import { reportCommand } from './commands/report.ts';
import { serveCommand } from './commands/serve.ts';
import { usersCommand } from './commands/users.ts';
import { runsCommand } from './commands/runs.ts';
import { schedulerCommand } from './commands/scheduler.ts';
import { sitesCommand } from './commands/sites.ts';
import { workerCommand } from './commands/worker.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { redact } from './redact.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('kartla')
    .version(pkg.version)
    .description(
      'Kartla maps, again and again, the websites that advertise sexual services towards Sweden:\n' +
        'it crawls every mapped site, normalises stated age, gender, place and phone numbers, and stores\n' +
        'each run as a dated snapshot so that runs and years can be compared.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nStart here:\n' +
        '  kartla demo                 map the bundled synthetic demo sites (no internet needed)\n' +
        '  kartla runs                 see the runs stored so far\n' +
        '  kartla export --run latest  get the profiles of the newest run as JSON Lines\n\n' +
        'Environment: DATABASE_URL (PostgreSQL; default: embedded database in ./data), KARTLA_DATA_DIR,\n' +
        'REDIS_URL (the queue path: kartla worker, kartla scheduler, kartla map --queue).',
    );
  for (const command of [mapCommand(), demoCommand(), runsCommand(), healthCommand(), compareCommand(), reportCommand(), serveCommand(), usersCommand(), clustersCommand(), clusterCommand(), exportCommand(), normaliseCommand(), renormaliseCommand(), evalCommand(), dbCommand(), keysCommand(), purgeCommand(), adaptersCommand(), sitesCommand(), workerCommand(), schedulerCommand()]) {
    program.addCommand(command);
  }
  applyToAll(program, (command) => {
    command.exitOverride();
    command.configureOutput({ outputError: (text, write) => write(text) });
  });
  return program;
}

function applyToAll(command: Command, fn: (command: Command) => void): void {
  fn(command);
  for (const sub of command.commands) applyToAll(sub, fn);
}

/** The line the CLI prints for a known error: redacted unless it holds only Kartla's own values. */
export function describeError(error: KartlaError): string {
  return `kartla: ${error.ownValuesOnly ? error.message : redact(error.message)}`;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; everything else it raises is bad usage.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
      return EXIT.usage;
    }
    if (error instanceof KartlaError) {
      process.stderr.write(`${describeError(error)}\n`);
      return exitCodeFor(error);
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`kartla: unexpected error: ${redact(text)}\nPlease report this with the command you ran.\n`);
    return EXIT.failed;
  }
}
