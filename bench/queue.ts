// The queue path's cost: one mapping of the small national web (10 sites, 800 profiles) in
// process (`kartla map`, 4 sites at a time) and on the queue (`kartla map --queue` with 1 worker
// at 4 site jobs, and 3 workers at 4 each), every one in real processes on PostgreSQL and Redis,
// each on a fresh database. Wall time from the command's start to its exit (the workers are up
// before); pages/s over that; peak memory as the largest sum of the processes' RSS (sampled every
// 50 ms from /proc). Photos are not fetched, so the figures measure Kartla, not the web's image
// generator. Run alone: npx tsx bench/queue.ts (needs TEST_DATABASE_URL or BENCH_DATABASE_URL).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startNationalWeb, type NationalWeb } from '../src/demo/national/server.ts';
import { createPostgresDatabase } from '../tests/helpers/test-databases.ts';
import { TEST_SECRET_KEY } from '../tests/helpers/test-secret.ts';
import { deleteKeys } from '../tests/queue/harness.ts';
import { rssOf, startKartla as start, writeSitesFile } from './processes.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type QueueVariant = 'in-process' | 'queue, 1 worker' | 'queue, 3 workers';
export const QUEUE_VARIANTS: QueueVariant[] = ['in-process', 'queue, 1 worker', 'queue, 3 workers'];

export interface QueueFigures {
  seconds: number;
  pagesPerSecond: number;
  peakMiB: number;
  pages: number;
  profiles: number;
}



export async function benchQueue(variant: QueueVariant, web: NationalWeb, sitesFile: string): Promise<QueueFigures> {
  if (!process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const database = await createPostgresDatabase();
  const prefix = `kbench-${randomBytes(3).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { DATABASE_URL: database.url, REDIS_URL, KARTLA_QUEUE_PREFIX: prefix, KARTLA_SECRET_KEY: process.env.KARTLA_SECRET_KEY ?? TEST_SECRET_KEY };
  const workers: ReturnType<typeof start>[] = [];
  try {
    // Migrations first, so that no variant pays for them.
    const migrate = start(['db', 'migrate'], env);
    if ((await migrate.done) !== 0) throw new Error(`kartla db migrate failed: ${migrate.out()}`);
    const count = variant === 'queue, 3 workers' ? 3 : variant === 'queue, 1 worker' ? 1 : 0;
    for (let i = 0; i < count; i++) {
      const w = start(['worker', '--concurrency', '4'], env);
      workers.push(w);
      while (!/ready/.test(w.out())) await new Promise((r) => setTimeout(r, 50));
    }
    const args = variant === 'in-process' ? ['map', '--sites', sitesFile, '--no-progress', '--site-concurrency', '4'] : ['map', '--queue', '--sites', sitesFile, '--no-progress'];
    const started = performance.now();
    const main = start(args, env);
    let peak = 0;
    const sampler = setInterval(() => {
      const total = [main, ...workers].reduce((sum, p) => sum + rssOf(p.child.pid!), 0);
      peak = Math.max(peak, total);
    }, 50);
    const code = await main.done;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (code !== 0) throw new Error(`${variant}: kartla ${args.join(' ')} exited ${code}\n${main.out()}`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ pages: number; profiles: number }>(
      'SELECT sum(pages_fetched)::int AS pages, sum(profiles_found)::int AS profiles FROM site_run',
    );
    await client.end();
    const { pages, profiles } = rows[0]!;
    return { seconds, pagesPerSecond: pages / seconds, peakMiB: peak / 2 ** 20, pages, profiles };
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));
    await database.drop().catch(() => {});
    await deleteKeys(REDIS_URL, `${prefix}:*`).catch(() => {});
    void web;
  }
}

/** The small national web and a sites file for it (photos off). */
export async function startBenchWeb(): Promise<{ web: NationalWeb; sitesFile: string }> {
  const web = await startNationalWeb({ seed: 2025, sites: 10, profiles: Number(process.env.BENCH_QUEUE_PROFILES ?? 2000) });
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-bench-queue-'));
  const sitesFile = path.join(dir, 'sites.yaml');
  writeSitesFile(sitesFile, web.sites);
  return { web, sitesFile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const { web, sitesFile } = await startBenchWeb();
  const results: Record<string, QueueFigures[]> = {};
  try {
    for (let i = 0; i < repeats; i++) {
      for (const variant of QUEUE_VARIANTS) {
        const f = await benchQueue(variant, web, sitesFile);
        (results[variant] ??= []).push(f);
        console.log(`${variant}: ${f.seconds.toFixed(2)} s, ${f.pagesPerSecond.toFixed(0)} pages/s, peak ${f.peakMiB.toFixed(0)} MiB (${f.pages} pages, ${f.profiles} profiles)`);
      }
    }
  } finally {
    await web.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const min = (xs: number[]) => Math.min(...xs);
  for (const [variant, fs] of Object.entries(results)) {
    const secs = fs.map((f) => f.seconds);
    console.log(`${variant}: median ${median(secs).toFixed(2)} s (min ${min(secs).toFixed(2)}), ${median(fs.map((f) => f.pagesPerSecond)).toFixed(0)} pages/s, peak ${median(fs.map((f) => f.peakMiB)).toFixed(0)} MiB`);
  }
  // On a shared machine the fastest run is the least disturbed one: both are given.
  const secs = (v: QueueVariant) => results[v]!.map((f) => f.seconds);
  const over = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  console.log(`queue (1 worker) over in-process: median ${over(median(secs('queue, 1 worker')), median(secs('in-process')))}, best ${over(min(secs('queue, 1 worker')), min(secs('in-process')))}`);
}
