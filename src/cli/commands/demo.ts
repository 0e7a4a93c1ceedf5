import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { stringify as toYaml } from 'yaml';
import type { ExportRecord } from '../../model/export-record.ts';
import type { Scale, ServedWeb } from '../../demo/webs.ts';
import { nonNegativeInt, positiveInt } from '../arguments.ts';

export const DEMO_SEED = 2025;
/** config/sites.yaml points at these ports. */
export const DEMO_BASE_PORT = 8471;

interface DemoOptions {
  scale: Scale;
  seed: number;
  epoch: number;
  year: number;
  label?: string;
  serveOnly?: boolean;
  serve?: boolean;
  port?: number;
  progress: boolean;
}

export function demoCommand(): Command {
  return new Command('demo')
    .summary('map a synthetic ad web (small and fast by default; --scale national for the full 2025-sized web)')
    .description(
      'Serves a synthetic Swedish ad web on 127.0.0.1, maps it like `kartla map` into the database\n' +
        '(the embedded one in ./data unless DATABASE_URL is set), prints the summary, and checks the\n' +
        'result against the web\'s ground truth. --scale small (default): three sites, 300 profiles.\n' +
        '--scale national: 46 sites and 13,000 profiles calibrated to the 2025 national mapping, with a\n' +
        'full scorecard; it takes a few minutes. All demo data is made up from a seed: no real person,\n' +
        'number or site.',
    )
    .addOption(new Option('--scale <scale>', 'small or national').choices(['small', 'national']).default('small'))
    .addOption(new Option('--seed <n>', 'seed of the synthetic web').argParser(nonNegativeInt).default(DEMO_SEED))
    .addOption(new Option('--epoch <n>', 'small web: 0 first, 1 a month later (some profiles gone, some new)').argParser(nonNegativeInt).default(0))
    .addOption(new Option('--year <y>', 'national web: the year of the mapping (2025 onwards; later years churn)').argParser(positiveInt).default(2025))
    .option('--label <text>', 'label of the run (default: demo, or national demo <year>)')
    .option('--serve-only', 'serve the web until Ctrl-C without mapping it; the first line printed is the path of a sites file for it')
    .addOption(new Option('--serve').hideHelp())
    .addOption(new Option('--port <n>', 'with --serve-only: first port (sites listen on n, n+1, ...); small web default 8471, where config/sites.yaml points').argParser(positiveInt))
    .option('--no-progress', 'print plain log lines instead of the live display')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla demo                          map the small web once and check the result\n' +
        '  kartla demo --epoch 1                the small web a month later (some profiles gone, some new)\n' +
        '  kartla demo --scale national         the full national web, with its scorecard\n' +
        '  kartla demo --serve-only             serve the small web on 127.0.0.1:8471-8473; then, elsewhere,\n' +
        '  kartla map                           maps it through config/sites.yaml\n' +
        '  kartla demo --serve-only --scale national --year 2026   serve the national web of 2026',
    )
    .action(async (opts: DemoOptions) => {
      const { startWeb } = await import('../../demo/webs.ts');
      const serveOnly = opts.serveOnly || opts.serve;
      const basePort = serveOnly ? (opts.port ?? (opts.scale === 'small' ? DEMO_BASE_PORT : undefined)) : undefined;
      const web = await startWeb({ scale: opts.scale, seed: opts.seed, epoch: opts.epoch, year: opts.year, basePort });
      try {
        if (serveOnly) {
          await serveUntilInterrupted(web);
          return;
        }
        await mapAndCheck(web, opts);
      } finally {
        await web.close();
      }
    });
}

async function mapAndCheck(web: ServedWeb, opts: DemoOptions): Promise<void> {
  const { DEMO_CRAWL, demoSitesAsResolved } = await import('../../demo/as-sites.ts');
  const { exportRecords } = await import('../../store/run-queries.ts');
  const { withDatabase } = await import('../database.ts');
  const { runAndReport } = await import('../run-and-report.ts');
  const national = web.scale === 'national';
  await withDatabase(async (db) => {
    const result = await runAndReport({
      db,
      sites: demoSitesAsResolved(web),
      // The national web injects no faults unless asked; a second retry covers a slow machine.
      crawl: national ? { ...DEMO_CRAWL, maxRetries: 2 } : DEMO_CRAWL,
      clustering: { ignorePhones: web.notTies },
      label: opts.label ?? (national ? `national demo ${opts.year}` : 'demo'),
      options: { command: 'demo', scale: web.scale, seed: opts.seed, epoch: opts.epoch, year: opts.year, clustering: { ignorePhones: web.notTies } },
      progress: opts.progress,
      // 46 sites: more of them at once keeps both cores busy while each stays politely paced.
      siteConcurrency: national ? 8 : undefined,
    });
    const records: ExportRecord[] = [];
    for await (const record of exportRecords(db, result.runId, { reveal: true })) records.push(record);
    const { clusterIdsByUrl } = await import('../../store/cluster-queries.ts');
    const combinedClusterIds = await clusterIdsByUrl(db, result.runId, 'combined');
    process.stdout.write(`\n${web.check(records, { combinedClusterIds })}\n`);
    process.stdout.write(`\nNext: kartla runs, or kartla export --run ${result.runId} --format csv --out demo.csv\n`);
  });
}

async function serveUntilInterrupted(web: ServedWeb): Promise<void> {
  // Listen for the stop signal before telling anyone where to look: a tool that reads the first
  // line and stops us at once must not kill the process mid-way.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const { DEMO_CRAWL } = await import('../../demo/as-sites.ts');
  const dir = mkdtempSync(path.join(tmpdir(), `kartla-demo-${web.scale}-`));
  const sitesFile = path.join(dir, 'sites.yaml');
  writeFileSync(
    sitesFile,
    toYaml({
      crawl: { userAgent: DEMO_CRAWL.userAgent, maxRequestsPerMinute: 6000, maxConcurrency: 8 },
      ...(web.notTies.length ? { clustering: { ignorePhones: web.notTies } } : {}),
      sites: web.sites.map((s) => ({ id: s.id, name: s.name, adapter: s.adapter, startUrls: s.startUrls, local: true })),
    }),
  );
  const truth = web.truthJsonl();
  const truthFile = truth ? path.join(dir, 'truth.jsonl') : null;
  if (truthFile && truth) writeFileSync(truthFile, truth);
  // The first line is the sites file's path: tools read it from there.
  process.stdout.write(
    `${sitesFile}\n` +
      `Serving the ${web.scale} demo web (${web.sites.length} sites) until Ctrl-C:\n` +
      `${web.sites.map((s) => `  ${s.id.padEnd(22)} ${s.baseUrl}`).join('\n')}\n\n` +
      `Map it with:  kartla map --sites ${sitesFile}\n` +
      (truthFile ? `Score it with: kartla eval --truth ${truthFile} --run latest\n` : '') +
      (web.scale === 'small' && web.sites[0]?.baseUrl.endsWith(`:${DEMO_BASE_PORT}`) ? 'On these ports, plain `kartla map` (config/sites.yaml) maps it too.\n' : ''),
  );
  await stopped;
}
