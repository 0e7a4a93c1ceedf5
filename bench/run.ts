// npm run bench: every benchmark, each figure the median of several runs with min and max,
// written to bench/results/<date>.json and as a table to BENCHMARKS.md with the machine it ran on.
// Set BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server where a throwaway database may
// be created) to include PostgreSQL; PGlite always runs. BENCH_ONLY=crawl,queue (a comma list of
// the parts below) runs only those parts and carries every other figure over from the newest
// results file, each with the date it was measured on.

import { cpus, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { benchFloor, benchMapping, NATIONAL, type Driver, type MappingFigures } from './crawl.ts';
import { profileCrawl } from './profile-crawl.ts';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const TODAY = new Date().toISOString().slice(0, 10);
const MACHINE = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

interface Figure {
  part: Part;
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
  /** The day the figure was measured (older than the file when carried over). */
  measured: string;
  /** The machine it was measured on, when it is not the one this file was written on. */
  machine?: string;
}

const PARTS = ['normalise', 'server', 'browser', 'cluster', 'snapshot', 'queue', 'crawl', 'report'] as const;
type Part = (typeof PARTS)[number];
/** How figures written before they carried their part are recognised. */
const PART_PREFIXES: Record<Part, string[]> = {
  normalise: ['normalise '],
  server: ['national web server'],
  browser: ['browser crawl'],
  cluster: ['phone clustering', 'near-duplicate', 'near-identical', 'photo fingerprint'],
  snapshot: ['write snapshots'],
  queue: ['map, '],
  crawl: ['floor', 'crawl', 'national mapping', 'growth'],
  report: ['report', 'dashboard'],
};

const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim()).filter(Boolean);
for (const p of only ?? []) {
  if (!(PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_ONLY: unknown part "${p}"; the parts are ${PARTS.join(', ')}`);
}
const runs = (part: Part) => !only || only.includes(part);

let currentPart: Part = 'normalise';
function figure(name: string, unit: string, values: number[]): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  return { part: currentPart, name, unit, median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)!, runs: values, measured: TODAY };
}

/** The figures of the newest results file, each with its part and the day it was measured. */
function previousFigures(): Figure[] {
  const dir = new URL('./results/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f)).sort();
  const newest = files.at(-1);
  if (!newest) return [];
  const file = JSON.parse(readFileSync(new URL(newest, dir), 'utf8')) as { date: string; machine: string; figures: (Omit<Figure, 'part' | 'measured'> & Partial<Figure>)[] };
  return file.figures.map((f) => {
    const machine = f.machine ?? file.machine;
    return {
      ...f,
      part: f.part ?? PARTS.find((p) => PART_PREFIXES[p].some((prefix) => f.name.startsWith(prefix))) ?? 'normalise',
      measured: f.measured ?? file.date,
      machine: machine !== MACHINE ? machine : undefined,
    };
  });
}
const carried = only ? previousFigures() : [];

async function repeat<T>(fn: () => Promise<T> | T): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < REPEATS; i++) {
    out.push(await fn());
    process.stderr.write('.');
  }
  return out;
}

const figures: Figure[] = [];
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
// The test helper creates (and drops) a throwaway database on the server TEST_DATABASE_URL names.
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;

/** Runs a part, or carries its figures over from the newest results file when BENCH_ONLY leaves it out. */
async function part(name: Part, fn: () => Promise<void>): Promise<void> {
  if (!runs(name)) {
    figures.push(...carried.filter((f) => f.part === name));
    return;
  }
  currentPart = name;
  await fn();
}

await part('normalise', async () => {
  process.stderr.write('normalisers ');
  const norm = await repeat(() => benchNormalise());
  for (const key of Object.keys(norm[0]!)) figures.push(figure(`normalise ${key}`, 'strings/s', norm.map((n) => n[key]!)));
});

await part('server', async () => {
  process.stderr.write('\nnational web server ');
  const served = await repeat(() => benchNationalServer());
  figures.push(figure('national web server, cold (13,000 profile pages, 16 in flight)', 'pages/s', served.map((s) => s.coldPagesPerSecond)));
  figures.push(figure('national web server, warm (page cache)', 'pages/s', served.map((s) => s.warmPagesPerSecond)));
});

await part('browser', async () => {
  process.stderr.write('\nbrowser rendering ');
  for (const n of [1, 2, 4]) {
    const runs = await repeat(() => benchBrowser(n));
    const site = `load-more-json site, ${runs[0]!.pages} pages`;
    figures.push(figure(`browser crawl, ${n} page(s) at a time (${site})`, 'pages/s', runs.map((r) => r.pagesPerSecond)));
    figures.push(figure(`browser crawl, ${n} page(s) at a time, peak RSS of the process and Chromium (summed)`, 'MiB', runs.map((r) => r.peakMiB)));
    figures.push(figure(`browser crawl, ${n} page(s) at a time, peak PSS of the process and Chromium (summed)`, 'MiB', runs.map((r) => r.peakPssMiB)));
  }
});

await part('cluster', async () => {
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
});

await part('snapshot', async () => {
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
  if (!pgUrl) return;
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
});

// The queue path against the in-process one, on PostgreSQL and Redis (REDIS_URL, default local).
await part('queue', async () => {
  if (!pgUrl) return;
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
});

// The crawl against the floor, the full national mapping on both drivers, and its growth with the
// size of the web (see bench/crawl.ts).
await part('crawl', async () => {
  process.stderr.write('\ncrawl against the floor (national web, 46 sites) ');
  const floors = await repeat(() => benchFloor());
  const pages = floors[0]!.kartla.pages;
  figures.push(figure(`floor: bare HTTP client + cheerio over the same ${pages} pages, 64 in flight`, 'pages/s', floors.map((f) => f.floorPagesPerSecond)));
  figures.push(figure(`crawl: Kartla's HTTP crawl of the national web (${pages} pages), extracting and normalising, nothing stored`, 'pages/s', floors.map((f) => f.kartla.pagesPerSecond)));
  figures.push(figure(`crawl: Kartla's crawl / floor (target >= 0.5)`, 'ratio', floors.map((f) => f.ratio)));
  figures.push(figure(`crawl: CPU time of the crawl's process per page`, 'ms', floors.map((f) => (f.kartla.cpuSeconds / f.kartla.pages) * 1000)));

  // Where that CPU time goes: the crawl under V8's sampling profiler, self time by what the code does.
  process.stderr.write('\ncrawl profile ');
  const profiles = await repeat(async () => {
    const { crawl, seconds } = await profileCrawl();
    return new Map(seconds.map(([category, s]) => [category, (s / crawl.pages) * 1000]));
  });
  const categories = [...profiles[0]!.keys()];
  for (const category of categories) {
    figures.push(figure(`crawl profile: ${category}`, 'ms/page', profiles.map((p) => p.get(category) ?? 0)));
  }

  const drivers: Driver[] = pgUrl ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
  const national = new Map<Driver, MappingFigures[]>();
  for (const driver of drivers) {
    process.stderr.write(`\nnational mapping, kartla map (${driver}) `);
    const maps = await repeat(() => benchMapping(driver));
    national.set(driver, maps);
    const what = `national mapping, kartla map end to end (${NATIONAL.sites} sites, ${maps[0]!.profiles} profiles, ${maps[0]!.pages} pages, no photos), ${driver}`;
    figures.push(figure(`${what}, wall time${driver === 'PostgreSQL' ? ' (target < 120 s)' : ''}`, 's', maps.map((m) => m.seconds)));
    figures.push(figure(`${what}, throughput`, 'pages/s', maps.map((m) => m.pagesPerSecond)));
    figures.push(figure(`${what}, peak RSS${driver === 'PostgreSQL' ? ' (target < 1,536 MiB)' : ''}`, 'MiB', maps.map((m) => m.peakMiB)));
  }

  // Growth on the production driver; the 1x runs are the national mapping's above.
  const driver = drivers.at(-1)!;
  const growth = new Map<number, MappingFigures[]>([[1, national.get(driver)!]]);
  for (const scale of [2, 4]) {
    process.stderr.write(`\ngrowth ${scale}x (${driver}) `);
    growth.set(scale, await repeat(() => benchMapping(driver, scale)));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(growth.get(1)!.map((m) => m.seconds));
  for (const [scale, maps] of growth) {
    const what = `growth ${scale}x (${NATIONAL.sites * scale} sites, ${maps[0]!.profiles} profiles, ${maps[0]!.pages} pages), ${driver}`;
    figures.push(figure(`${what}, wall time`, 's', maps.map((m) => m.seconds)));
    figures.push(figure(`${what}, peak RSS`, 'MiB', maps.map((m) => m.peakMiB)));
    if (scale > 1) figures.push(figure(`${what}, time / 1x median${scale === 4 ? ' (target <= 4.5)' : ''}`, 'ratio', maps.map((m) => m.seconds / base)));
  }
});

// Report generation and dashboard latency over three full national runs, on PostgreSQL when there
// is one (as in production). Mapping them once is most of this part's time.
await part('report', async () => {
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
});
process.stderr.write('\n');

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/${TODAY}.json`, import.meta.url), `${JSON.stringify({ date: TODAY, machine: MACHINE, repeats: REPEATS, only: only ?? null, figures }, null, 2)}\n`);

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(2));
const table = [
  `# Benchmarks`,
  '',
  `Written by \`npm run bench\` on ${TODAY}${only ? ` (parts run: ${only.join(', ')}; the others carried over from their day)` : ''}. Machine: ${MACHINE}. Each figure: median of ${REPEATS} runs (min–max).`,
  '',
  '| benchmark | median | min–max | unit | measured |',
  '| --- | ---: | ---: | --- | --- |',
  ...figures.map((f) => `| ${f.name} | ${fmt(f.median)} | ${fmt(f.min)}–${fmt(f.max)} | ${f.unit} | ${f.measured}${f.machine ? ` on ${f.machine}` : ''} |`),
  '',
];
const notes = readNotes();
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), [...table, ...notes].join('\n'));
console.log(table.join('\n'));

/** The hand-written analysis below the table (bench/NOTES.md) is kept with every new table. */
function readNotes(): string[] {
  try {
    return ['', readFileSync(new URL('./NOTES.md', import.meta.url), 'utf8')];
  } catch {
    return [];
  }
}
