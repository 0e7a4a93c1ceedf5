import { Command } from 'commander';
import { adapterNames, adapters } from '../../../crawlers/index.ts';

export function adaptersCommand(): Command {
  return new Command('adapters')
    .summary('list the site adapters a sites file can name')
    .description(
      'Lists the site adapters registered in crawlers/index.ts, for the "adapter:" field of the sites file.\n' +
        'With --sites, also the declarative (YAML) adapters that file writes for its sites.',
    )
    .option('--sites <file>', 'also list the declarative adapters of this sites file (checked as `kartla map` checks it)')
    .addHelpText(
      'after',
      '\nEach registry adapter is one file in crawlers/ that says how one site is built: which pages are\n' +
        'listings, how to find profile links and the next page, and how to read each field. A site can\n' +
        'instead write the same in YAML (README, "The sites file"); those show as yaml:<site id> or their name.\n' +
        'Columns: name, rendering (http or browser), description.\n\n' +
        'Example:\n  kartla adapters\n  demo-stad   http   ...\n  kartla adapters --sites config/sites.yaml',
    )
    .action(async (opts: { sites?: string }) => {
      const line = (name: string, render: string, description: string) =>
        process.stdout.write(`${name.padEnd(24)} ${render.padEnd(8)} ${description}\n`);
      for (const adapter of adapters.values()) line(adapter.name, adapter.render, adapter.description);
      if (!opts.sites) return;
      const { loadSitesFile } = await import('../../config/sites-loader.ts');
      const loaded = loadSitesFile(opts.sites, { knownAdapters: adapterNames() });
      for (const site of loaded.sites) {
        if (site.adapterSpec) line(site.adapterSpec.name, site.adapterSpec.render, `${site.adapterSpec.description} (site ${site.id}, YAML)`);
      }
    });
}
