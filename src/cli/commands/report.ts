import { Command, Option } from 'commander';
import { UsageError } from '../../errors.ts';
import { NoEarlierRunError } from '../../store/errors.ts';

/** A police region as the user typed it ("ost", "Öst", "VÄST") → the gazetteer's name, or null. */
export function matchPoliceRegion(text: string, regions: readonly string[]): string | null {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  return regions.find((r) => fold(r) === fold(text)) ?? null;
}

/** A `--region` value as the gazetteer names the region; a clear usage error for anything else. */
export async function policeRegionOption(text: string): Promise<string> {
  const { gazetteer } = await import('../../normalise/gazetteer.ts');
  const regions = gazetteer().policeRegions();
  const region = matchPoliceRegion(text, regions);
  if (!region) throw new UsageError(`--region "${text}" is not a police region; use one of: ${regions.join(', ')}`);
  return region;
}

function parseSuppress(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 100) {
    throw new UsageError(`--suppress-below must be a whole number from 1 (hide nothing) to 100, not "${text}"`);
  }
  return Number(text);
}

export function reportCommand(): Command {
  return new Command('report')
    .summary('write a report of a run: HTML, PDF, CSV, XLSX and JSON, aggregates only')
    .description(
      'Writes the report of a mapping run into a folder: report.html (one self-contained file with\n' +
        'its charts, in Swedish or English), report.pdf printed from it by headless Chromium, one CSV\n' +
        'per table, all tables in report.xlsx, and report.json with every figure.\n\n' +
        'Sections: overview (sites, profiles, numbers, places, failed or partly mapped sites), volume\n' +
        'per site and over time, gender and stated age (overall and per site group), geography\n' +
        '(localities, municipalities, counties, police regions, with maps), organisation indicators\n' +
        '(shared numbers, clusters, moves between regions, foreign numbers), change since the\n' +
        'compared run (new, continued, gone profiles) and data quality.\n\n' +
        'Reports hold aggregates only: no phone number, URL, name or ad text. Counts from 1 to\n' +
        '--suppress-below - 1 in a breakdown are shown as "<N" so that no one is singled out.\n\n' +
        'The PDF needs Chromium: KARTLA_CHROMIUM if set, else /usr/bin/chromium (Debian: apt-get\n' +
        'install -y chromium). Without it, use --no-pdf.',
    )
    .requiredOption('--run <id|latest>', 'the run to report on: its number (see `kartla runs`) or "latest"')
    .requiredOption('--out <dir>', 'folder to write the files into (created if missing; other files in it are left alone)')
    .option('--compare <id|previous>', 'compare with this run: its number, or "previous" (the finished run before --run)')
    .option('--region <police region>', 'only profiles in this police region: Nord, Mitt, Bergslagen, Stockholm, Öst, Väst or Syd')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['sv', 'en']).default('sv'))
    .option('--suppress-below <n>', 'show breakdown counts below n as "<n"', '3')
    .option('--no-pdf', 'skip report.pdf (no Chromium needed)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla report --run latest --out rapport/                       the latest run, in Swedish\n' +
        '  kartla report --run 31 --compare 12 --out rapport-2026/          this year against last year\n' +
        '  kartla report --run latest --compare previous --region Syd --out syd/\n' +
        '  kartla report --run latest --lang en --no-pdf --out report-en/',
    )
    .action(async (opts: { run: string; out: string; compare?: string; region?: string; lang: 'sv' | 'en'; suppressBelow: string; pdf: boolean }) => {
      const suppressBelow = parseSuppress(opts.suppressBelow);
      const region = opts.region === undefined ? null : await policeRegionOption(opts.region);
      const { previousRunId, resolveRunId } = await import('../../store/run-queries.ts');
      const { writeReport } = await import('../../report/write-report.ts');
      const { withDatabase } = await import('../database.ts');
      await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run);
        const compareRunId =
          opts.compare === undefined
            ? null
            : opts.compare.trim().toLowerCase() === 'previous'
              ? await previousRunId(db, runId).catch((error: unknown) => {
                  // Its own message names `kartla compare`'s --from; here the option is --compare.
                  if (error instanceof NoEarlierRunError) {
                    throw new UsageError(`--compare previous: run ${runId} is the earliest finished run, there is nothing before it to compare with. Give --compare <id> (see \`kartla runs\`), or leave --compare out.`);
                  }
                  throw error;
                })
              : await resolveRunId(db, opts.compare);
        if (compareRunId === runId) throw new UsageError(`--compare names the report's own run (${runId}); compare with another run, e.g. --compare previous`);
        const steps: Record<string, string> = { read: 'reading the runs', count: 'counting', tables: 'writing CSV, XLSX and JSON', html: 'drawing the HTML report', pdf: 'printing the PDF' };
        const written = await writeReport(db, {
          runId,
          compareRunId,
          region,
          outDir: opts.out,
          lang: opts.lang,
          suppressBelow,
          pdf: opts.pdf,
          onStep: (step) => process.stderr.write(`report: ${steps[step] ?? step}...\n`),
        });
        const f = written.figures.current;
        process.stdout.write(
          [
            `Report of run ${runId}${compareRunId !== null ? ` compared with run ${compareRunId}` : ''}${region ? `, police region ${region}` : ''} written to ${opts.out}`,
            `  ${f.profiles} profiles on ${f.sitesWithProfiles} of ${f.sitesMapped} sites, ${f.distinctPhones} distinct numbers, ${f.localityCount} localities`,
            f.sitesFailed.length + f.sitesPartial.length > 0
              ? `  not mapped in full: ${[...f.sitesFailed, ...f.sitesPartial].join(', ')} (shown as such in the report)`
              : '',
            `  ${written.files.length} files: report.html${written.pdfPages !== null ? `, report.pdf (${written.pdfPages} pages)` : ''}, report.xlsx, report.json and ${written.files.filter((x) => x.endsWith('.csv')).length} CSV tables`,
            `  in ${(written.timings.total! / 1000).toFixed(1)} s`,
          ]
            .filter(Boolean)
            .join('\n') + '\n',
        );
      });
    });
}
