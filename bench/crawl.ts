// The crawl engine against the floor of this machine, and the full national mapping end to end.
//
// - Floor: the very pages Kartla's crawl requested (the web process records them), fetched by a
//   bare HTTP client (node:http, keep-alive) with as many requests in flight as Kartla allows
//   itself (8 sites × 8), each HTML page parsed with cheerio and each JSON answer with
//   JSON.parse: no crawler, no extraction, no storage.
// - Kartla's crawl: every site crawled as `kartla map` crawls it (crawlSite, 8 sites at a time,
//   robots.txt, pacer, guarded client, request queue), each profile extracted and normalised,
//   nothing stored. Reported as pages/s and as a ratio to the floor measured in the same run.
// - Full mapping: `kartla map` as a user runs it, in its own process, on the embedded database
//   (on disk) or PostgreSQL, from start to exit (migrations done before), storing snapshots and
//   clustering at the end; peak memory is the process's largest RSS (sampled every 50 ms).
//
// The web runs in its own process (bench/web-process.ts), a fresh one for every measured crawl so
// that each meets the same cold page cache; photos are off (their cost is the fingerprint, measured
// on its own in bench/photo-hash.ts). Run alone: npx tsx bench/crawl.ts floor, or
// npx tsx bench/crawl.ts map pg|pglite [scale].

import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { getAdapter } from '../crawlers/index.ts';
import { crawlSite } from '../src/crawl/site-crawler.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../src/demo/as-sites.ts';
import type { NationalSiteInfo, NationalWebOptions } from '../src/demo/national/server.ts';
import { normaliseProfile } from '../src/normalise/profile.ts';
import { openDatabase } from '../src/store/database.ts';
import { createPostgresDatabase } from '../tests/helpers/test-databases.ts';
import { TEST_SECRET_KEY } from '../tests/helpers/test-secret.ts';
import { rssOf, startKartla as run, writeSitesFile } from './processes.ts';

/** Sites crawled at once, and requests in flight per site: the national demo's settings. */
const SITE_CONCURRENCY = 8;
const CRAWL = { ...DEMO_CRAWL, photos: false };
const IN_FLIGHT = SITE_CONCURRENCY * CRAWL.maxConcurrency;

export const NATIONAL = { seed: 2025, sites: 46, profiles: 13_000 } as const;

export interface WebProcess {
  sites: NationalSiteInfo[];
  profiles: number;
  collisionNumbers: string[];
  /** Every URL requested since the last call. */
  requestedUrls(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startWebProcess(options: NationalWebOptions): Promise<WebProcess> {
  const child = fork(path.resolve('bench/web-process.ts'), [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m as T));
      void exited.then(() => reject(new Error('the web process exited')));
    });
  const ready = await next<{ sites: NationalSiteInfo[]; profiles: number; collisionNumbers: string[] }>();
  return {
    ...ready,
    async requestedUrls() {
      const answer = next<{ urls: string[] }>();
      child.send('urls');
      return (await answer).urls;
    },
    async close() {
      child.send('close');
      await exited;
    },
  };
}

function fetchAndParse(url: string, agent: Agent): Promise<boolean> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const type = res.headers['content-type'] ?? '';
        if (type.includes('json')) JSON.parse(body);
        else if (type.includes('html')) load(body);
        resolve(res.statusCode === 200);
      });
    }).on('error', reject);
  });
}

/** The floor: pages/s of a bare client with cheerio over `urls`. */
export async function floor(urls: readonly string[]): Promise<{ pagesPerSecond: number; pages: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CRAWL.maxConcurrency });
  let next = 0;
  let pages = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < urls.length) if (await fetchAndParse(urls[next++]!, agent)) pages += 1;
      }),
    );
  } finally {
    agent.destroy();
  }
  return { pagesPerSecond: (urls.length / (performance.now() - started)) * 1000, pages };
}

export interface CrawlFigures {
  seconds: number;
  pages: number;
  profiles: number;
  pagesPerSecond: number;
  /** CPU time of this process during the crawl (user + system). */
  cpuSeconds: number;
}

/** Kartla's crawl of the web's sites (extracting and normalising every profile), nothing stored. */
export async function kartlaCrawl(web: WebProcess): Promise<CrawlFigures> {
  const queue = demoSitesAsResolved(web, CRAWL);
  let pages = 0;
  let profiles = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SITE_CONCURRENCY }, async () => {
      for (let site = queue.shift(); site; site = queue.shift()) {
        const result = await crawlSite(site, getAdapter(site.adapter)!, CRAWL, {
          onProfile(raw, observedAt) {
            normaliseProfile(site.id, raw, observedAt);
            profiles += 1;
          },
        });
        pages += result.pagesFetched;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, pages, profiles, pagesPerSecond: pages / seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

export interface FloorFigures {
  floorPagesPerSecond: number;
  kartla: CrawlFigures;
  ratio: number;
}

/**
 * One measurement of the crawl against the floor: Kartla crawls a fresh web (which records the
 * URLs), then the floor reads those URLs from a second fresh web, so both meet a cold server.
 */
export async function benchFloor(): Promise<FloorFigures> {
  const web = await startWebProcess(NATIONAL);
  let urls: string[];
  let kartla: CrawlFigures;
  try {
    kartla = await kartlaCrawl(web);
    urls = await web.requestedUrls();
  } finally {
    await web.close();
  }
  const again = await startWebProcess(NATIONAL);
  try {
    // The second web listens on other ports: the same paths, on its own origins.
    const origins = new Map(web.sites.map((s, i) => [new URL(s.baseUrl).origin, new URL(again.sites[i]!.baseUrl).origin]));
    const moved = urls.map((u) => {
      const url = new URL(u);
      return origins.get(url.origin) + url.pathname + url.search;
    });
    const { pagesPerSecond } = await floor(moved);
    return { floorPagesPerSecond: pagesPerSecond, kartla, ratio: kartla.pagesPerSecond / pagesPerSecond };
  } finally {
    await again.close();
  }
}

export type Driver = 'PGlite' | 'PostgreSQL';

export interface MappingFigures {
  seconds: number;
  pages: number;
  profiles: number;
  pagesPerSecond: number;
  peakMiB: number;
}

/** `kartla map` of a web `scale` times the national one, on a fresh database of `driver`. */
export async function benchMapping(driver: Driver, scale = 1): Promise<MappingFigures> {
  const web = await startWebProcess({ seed: NATIONAL.seed, sites: NATIONAL.sites * scale, profiles: NATIONAL.profiles * scale });
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-bench-map-'));
  const pgDatabase = driver === 'PostgreSQL' ? await createPostgresDatabase() : null;
  const env: NodeJS.ProcessEnv = { KARTLA_SECRET_KEY: process.env.KARTLA_SECRET_KEY ?? TEST_SECRET_KEY };
  if (pgDatabase) env.DATABASE_URL = pgDatabase.url;
  else env.KARTLA_DATA_DIR = path.join(dir, 'data');
  try {
    const sitesFile = path.join(dir, 'sites.yaml');
    writeSitesFile(sitesFile, web.sites, web.collisionNumbers);
    // Migrations first, so that the figure is the mapping's.
    const migrate = run(['db', 'migrate'], env);
    if ((await migrate.done) !== 0) throw new Error(`kartla db migrate failed: ${migrate.out()}`);
    const args = ['map', '--sites', sitesFile, '--no-progress', '--site-concurrency', String(SITE_CONCURRENCY)];
    const started = performance.now();
    const main = run(args, env);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(main.child.pid!))), 50);
    const code = await main.done;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (code !== 0) throw new Error(`kartla ${args.join(' ')} exited ${code}\n${main.out()}`);
    const db = await openDatabase(pgDatabase ? { databaseUrl: pgDatabase.url, migrate: false } : { dataDir: env.KARTLA_DATA_DIR, migrate: false, env });
    try {
      const sums = await db.prisma.siteRun.aggregate({ _sum: { pagesFetched: true, profilesFound: true } });
      const pages = sums._sum.pagesFetched ?? 0;
      return { seconds, pages, profiles: sums._sum.profilesFound ?? 0, pagesPerSecond: pages / seconds, peakMiB: peak / 2 ** 20 };
    } finally {
      await db.close();
    }
  } finally {
    await web.close();
    await pgDatabase?.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const what = process.argv[2] ?? 'floor';
  if (what === 'floor') {
    const f = await benchFloor();
    console.log(`floor ${f.floorPagesPerSecond.toFixed(0)} pages/s; kartla ${f.kartla.pagesPerSecond.toFixed(0)} pages/s (${f.kartla.pages} pages, ${f.kartla.profiles} profiles, ${f.kartla.seconds.toFixed(1)} s, CPU ${f.kartla.cpuSeconds.toFixed(1)} s); ratio ${f.ratio.toFixed(2)}`);
  } else {
    const scale = Number(process.argv[4] ?? 1);
    const f = await benchMapping(process.argv[3] === 'pg' ? 'PostgreSQL' : 'PGlite', scale);
    console.log(`map x${scale}: ${f.seconds.toFixed(1)} s, ${f.pages} pages, ${f.pagesPerSecond.toFixed(0)} pages/s, ${f.profiles} profiles, peak ${f.peakMiB.toFixed(0)} MiB`);
  }
}
