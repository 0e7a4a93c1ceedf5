import { Command } from 'commander';
import { adapters } from '../../../crawlers/index.ts';

export function adaptersCommand(): Command {
  return new Command('adapters')
    .summary('list the site adapters a sites file can name')
    .description('Lists the site adapters registered in crawlers/index.ts, for the "adapter:" field of the sites file.')
    .addHelpText(
      'after',
      '\nEach adapter is one file in crawlers/ that says how one site is built: which pages are\n' +
        'listings, how to find profile links and the next page, and how to read each field.\n' +
        'Columns: name, rendering (http or browser), description.\n\n' +
        'Example:\n  kartla adapters\n  demo-stad   http   ...',
    )
    .action(() => {
      for (const adapter of adapters.values()) {
        process.stdout.write(`${adapter.name.padEnd(24)} ${adapter.render.padEnd(8)} ${adapter.description}\n`);
      }
    });
}
