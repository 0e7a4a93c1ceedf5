// npm run bench: every benchmark, each figure the median of several runs with min and max,
// written to bench/results/<date>.json and as a table to BENCHMARKS.md with the machine it ran on.
// Set BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server where a throwaway database may
// be created) to include PostgreSQL; PGlite always runs.

import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../src/store/database.ts';
import { createPostgresDatabase } from '../tests/helpers/test-databases.ts';
import { benchBrowser } from './browser.ts';
import { benchCluster } from './cluster.ts';
import { benchPhotoHash } from './photo-hash.ts';
import { benchNationalServer } from './national-server.ts';
import { benchNormalise } from './normalise.ts';
import { benchSnapshotWrite } from './snapshot-write.ts';
import { benchQueue, QUEUE_VARIANTS, startBenchWeb } from './queue.ts';
import { benchDashboard, DASHBOARD_PAGES } from './dashboard.ts';
import { benchReport, mapYears } from './report.ts';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
}

function figure(name: string, unit: string, runs: number[]): Figure {
  const sorted = [...runs].sort((a, b) => a - b);
  return { name, unit, median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)!, runs };
}

async function repeat<T>(fn: () => Promise<T> | T): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < REPEATS; i++) {
    out.push(await fn());
    process.stderr.write('.');
  }
  return out;
}

const figures: Figure[] = [];

process.stderr.write('normalisers ');
const norm = await repeat(() => benchNormalise());
for (const key of Object.keys(norm[0]!)) figures.push(figure(`normalise ${key}`, 'strings/s', norm.map((n) => n[key]!)));

process.stderr.write('\nnational web server ');
const served = await repeat(() => benchNationalServer());
figures.push(figure('national web server, cold (13,000 profile pages, 16 in flight)', 'pages/s', served.map((s) => s.coldPagesPerSecond)));
figures.push(figure('national web server, warm (page cache)', 'pages/s', served.map((s) => s.warmPagesPerSecond)));

process.stderr.write('\nbrowser rendering ');
for (const n of [1, 2, 4]) {
  const runs = await repeat(() => benchBrowser(n));
  const site = `load-more-json site, ${runs[0]!.pages} pages`;
  figures.push(figure(`browser crawl, ${n} page(s) at a time (${site})`, 'pages/s', runs.map((r) => r.pagesPerSecond)));
  figures.push(figure(`browser crawl, ${n} page(s) at a time, peak RSS of the process and Chromium (summed)`, 'MiB', runs.map((r) => r.peakMiB)));
  figures.push(figure(`browser crawl, ${n} page(s) at a time, peak PSS of the process and Chromium (summed)`, 'MiB', runs.map((r) => r.peakPssMiB)));
}

process.stderr.write('\nclustering ');
const phones = await repeat(() => benchCluster('phones'));
figures.push(figure('phone clustering, 1,000,000 profiles / 1,500,000 links (groupByTies)', 's', phones.map((p) => p.seconds)));
figures.push(figure('phone clustering, peak memory of the process (input included)', 'MiB', phones.map((p) => p.peakMiB)));
const texts = await repeat(() => benchCluster('text'));
figures.push(figure('near-duplicate text, 100,000 descriptions (findNearDuplicates)', 's', texts.map((t) => t.seconds)));
figures.push(figure('near-duplicate text, throughput', 'descriptions/s', texts.map((t) => t.perSecond)));
figures.push(figure('near-duplicate text, peak memory of the process (input included)', 'MiB', texts.map((t) => t.peakMiB)));
const photos = await repeat(() => benchCluster('photos'));
figures.push(figure('near-identical photos, 1,000,000 photo hashes (findSimilarPhotos, 8 bits)', 's', photos.map((t) => t.seconds)));
figures.push(figure('near-identical photos, peak memory of the process (input included)', 'MiB', photos.map((t) => t.peakMiB)));
const hashing = await repeat(() => benchPhotoHash());
figures.push(figure('photo fingerprint (pHash in memory, 240x320 JPEG)', 'photos/s', hashing));

process.stderr.write('\nsnapshot writes (PGlite) ');
const pglite = await repeat(async () => {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    return await benchSnapshotWrite(db);
  } finally {
    await db.close();
  }
});
figures.push(figure('write snapshots, new (PGlite)', 'profiles/s', pglite.map((w) => w.newPerSecond)));
figures.push(figure('write snapshots, known (PGlite)', 'profiles/s', pglite.map((w) => w.knownPerSecond)));
figures.push(figure('write snapshots, 2nd half / 1st half (PGlite)', 'ratio', pglite.map((w) => w.secondHalfRatio)));

// The test helper creates (and drops) a throwaway database on the server TEST_DATABASE_URL names.
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl) {
  process.env.TEST_DATABASE_URL = pgUrl;
  process.stderr.write('\nsnapshot writes (PostgreSQL) ');
  const pg = await repeat(async () => {
    const created = await createPostgresDatabase();
    const db = await openDatabase({ databaseUrl: created.url });
    try {
      return await benchSnapshotWrite(db);
    } finally {
      await db.close();
      await created.drop();
    }
  });
  figures.push(figure('write snapshots, new (PostgreSQL)', 'profiles/s', pg.map((w) => w.newPerSecond)));
  figures.push(figure('write snapshots, known (PostgreSQL)', 'profiles/s', pg.map((w) => w.knownPerSecond)));
  figures.push(figure('write snapshots, 2nd half / 1st half (PostgreSQL)', 'ratio', pg.map((w) => w.secondHalfRatio)));
}

// The queue path against the in-process one, on PostgreSQL and Redis (REDIS_URL, default local).
if (pgUrl) {
  process.stderr.write('\nqueue path (national web, 10 sites) ');
  const { web, sitesFile } = await startBenchWeb();
  try {
    for (const variant of QUEUE_VARIANTS) {
      const runs = await repeat(() => benchQueue(variant, web, sitesFile));
      const what = `map, ${variant} (${runs[0]!.profiles} profiles, ${runs[0]!.pages} pages, no photos)`;
      figures.push(figure(`${what}, wall time`, 's', runs.map((r) => r.seconds)));
      figures.push(figure(`${what}, throughput`, 'pages/s', runs.map((r) => r.pagesPerSecond)));
      figures.push(figure(`${what}, peak RSS of its processes (summed)`, 'MiB', runs.map((r) => r.peakMiB)));
    }
  } finally {
    await web.close();
  }
}
// Report generation and dashboard latency over three full national runs, on PostgreSQL when there
// is one (as in production). Mapping them once is most of this part's time.
{
  const driver = pgUrl ? 'PostgreSQL' : 'PGlite';
  process.stderr.write(`\nthree national runs for the report and the dashboard (${driver}) `);
  const created = pgUrl ? await createPostgresDatabase() : null;
  const db = await openDatabase(created ? { databaseUrl: created.url } : { dataDir: 'memory://' });
  try {
    const runs = await mapYears(db, [2025, 2026, 2027]);
    const reports = await repeat(() => benchReport(db, runs));
    const profiles = (runs.profiles.at(-2)! + runs.profiles.at(-1)!).toLocaleString('en-GB');
    const what = `report, 2 national runs (${profiles} profiles), every file incl. PDF (${reports[0]!.pdfPages} pages), ${driver}`;
    figures.push(figure(`${what}, wall time`, 's', reports.map((r) => r.seconds)));
    figures.push(figure(`${what}, of which the PDF`, 's', reports.map((r) => r.pdfSeconds)));
    const latencies = await repeat(() => benchDashboard(db, runs.runIds.at(-1)!));
    for (const page of DASHBOARD_PAGES) {
      const where = `dashboard ${page}, 3 national runs, 4 clients, autocannon, ${driver}`;
      figures.push(figure(`${where}, latency p97.5 (bounds p95)`, 'ms', latencies.map((l) => l[page].p97_5)));
      figures.push(figure(`${where}, latency p50`, 'ms', latencies.map((l) => l[page].p50)));
      figures.push(figure(`${where}, throughput`, 'requests/s', latencies.map((l) => l[page].requestsPerSecond)));
    }
  } finally {
    await db.close();
    await created?.drop();
  }
}
process.stderr.write('\n');

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/${date}.json`, import.meta.url), `${JSON.stringify({ date, machine, repeats: REPEATS, figures }, null, 2)}\n`);

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(2));
const table = [
  `# Benchmarks`,
  '',
  `Written by \`npm run bench\` on ${date}. Machine: ${machine}. Each figure: median of ${REPEATS} runs (min–max).`,
  '',
  '| benchmark | median | min–max | unit |',
  '| --- | ---: | ---: | --- |',
  ...figures.map((f) => `| ${f.name} | ${fmt(f.median)} | ${fmt(f.min)}–${fmt(f.max)} | ${f.unit} |`),
  '',
];
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), table.join('\n'));
console.log(table.join('\n'));
