import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, UsageError } from '../../errors.ts';
import { positiveInt } from '../arguments.ts';

/** A sample large enough to see a listing's structure and a dozen ads, small enough to be polite. */
export const DEFAULT_PROBE_PAGES = 30;

function lang(value: string): 'sv' | 'en' {
  if (value !== 'sv' && value !== 'en') throw new InvalidArgumentError(`expected sv or en, got "${value}"`);
  return value;
}

interface ProbeOptions {
  pages: number;
  out?: string;
  force: boolean;
  local: boolean;
  lang: 'sv' | 'en';
  json: boolean;
  rate: number;
}

export function sitesCommand(): Command {
  const sites = new Command('sites').summary('work with the sites a mapping covers').description('Commands for adding a new site to the mapping.');
  sites.addCommand(
    new Command('probe')
      .summary('sample an unknown site and suggest a YAML adapter for it')
      .description(
        'Crawls a small sample of a site (30 pages unless --pages says otherwise) with the generic adapter,\n' +
          'prints what it found (listing and ad pages, each field with how often it was found and examples,\n' +
          'phone numbers masked), flags what looks wrong, and writes a suggested declarative adapter (YAML)\n' +
          'for you to review and add to the sites file. Nothing is stored in the database.',
      )
      .argument('<url>', 'a listing page of the site (where its ads are listed), e.g. https://example.se/annonser')
      .addOption(new Option('--pages <n>', 'pages to read at most (listings, ads and number reveals together)').argParser(positiveInt).default(DEFAULT_PROBE_PAGES))
      .option('--out <file>', 'where to write the suggested adapter (default: <site id>.adapter.yaml here)')
      .option('--force', 'overwrite --out if it exists', false)
      .option('--local', 'the site is served from this machine or a private network (127.0.0.1, 10.x, ...)', false)
      .addOption(new Option('--rate <n>', 'requests per minute at most').argParser(positiveInt).default(60))
      .addOption(new Option('--lang <sv|en>', 'language of the printed findings').argParser(lang).default('en'))
      .option('--json', 'print the findings and the suggested adapter as one JSON object', false)
      .addHelpText(
        'after',
        '\nFrom probe to first run (README, "Adding a site"):\n' +
          '  1. kartla sites probe https://example.se/annonser\n' +
          '  2. read the findings; fix what is flagged in the suggested example-se.adapter.yaml\n' +
          '  3. move it next to the sites file and add the site with  adapter: { file: adapters/example-se.yaml }\n' +
          '  4. kartla map --site example-se\n\n' +
          'The probe obeys robots.txt and paces its requests like a mapping run. It refuses private addresses\n' +
          'unless --local is given. Exit codes: 0 findings printed, 1 nothing could be read, 2 bad arguments.',
      )
      .action(async (url: string, opts: ProbeOptions) => {
        const { probeSite, sampleSite } = await import('../../probe/sample.ts');
        const { probeFindings } = await import('../../probe/findings.ts');
        const { formatFindings } = await import('../../probe/format.ts');
        const { suggestAdapter, adapterYaml } = await import('../../probe/suggest.ts');
        const { getAdapter } = await import('../../../crawlers/index.ts');
        const { abortOnSignals } = await import('../interrupt.ts');
        const { RunFailedError } = await import('../../errors.ts');

        const site = { ...probeSite(url, opts.local), maxRequestsPerMinute: opts.rate };
        const out = opts.out ?? `${site.id}.adapter.yaml`;
        if (existsSync(out) && !opts.force) throw new UsageError(`${out} exists; choose another --out or add --force to overwrite it`);
        const generic = getAdapter('generic');
        if (!generic) throw new ConfigError('the generic adapter is not registered (crawlers/index.ts)');

        const interrupt = abortOnSignals(() => process.stderr.write('\nstopping the probe…\n'));
        let pages = 0;
        const tick = () => {
          pages += 1;
          if (process.stderr.isTTY && !opts.json) process.stderr.write(`\rprobing ${site.name}: ${pages}/${opts.pages} pages`);
        };
        let sample;
        try {
          sample = await sampleSite(site, generic, { pages: opts.pages, local: opts.local, signal: interrupt.signal, onPage: tick });
        } finally {
          interrupt.dispose();
          if (process.stderr.isTTY && !opts.json) process.stderr.write('\n');
        }
        const findings = probeFindings(sample);
        const suggestion = sample.profiles.length > 0 ? suggestAdapter(sample) : null;
        const yamlText = suggestion ? adapterYaml(suggestion, sample) : null;
        if (yamlText) writeFileSync(out, yamlText);

        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ findings, adapter: suggestion, adapterFile: yamlText ? out : null })}\n`);
        } else {
          process.stdout.write(formatFindings(findings, opts.lang));
          if (yamlText) {
            const file = `adapters/${path.basename(out).replace(/\.adapter\.yaml$/, '.yaml')}`;
            process.stdout.write(
              `\n${opts.lang === 'sv' ? 'Föreslagen adapter skriven till' : 'Suggested adapter written to'} ${out}. ` +
                `${opts.lang === 'sv' ? 'Granska den, lägg den bredvid sites-filen och lägg till:' : 'Review it, put it next to the sites file, and add:'}\n\n` +
                `  - id: ${site.id}\n    name: "${site.name}"\n    startUrls: ["${url}"]\n    adapter: { file: ${file} }\n${opts.local ? '    local: true\n' : ''}`,
            );
          }
        }
        if (sample.profiles.length === 0) throw new RunFailedError(`no ad page could be read from ${url}; see the findings above`);
      }),
  );
  return sites;
}
