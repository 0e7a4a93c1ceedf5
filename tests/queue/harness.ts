// The queue tests' world: a fresh PostgreSQL database, a queue prefix of their own in Redis, the
// small demo web with a sites file for it, and real `kartla worker` processes started and stopped
// (SIGKILL, SIGTERM) by the test.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { stringify as toYaml } from 'yaml';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { createPostgresDatabase } from '../helpers/test-databases.ts';
import { BIN, runCli, type CliResult } from '../helpers/run-cli.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why the queue tests are skipped, or null when they run (they need PostgreSQL; Redis must answer). */
export function queueSkipReason(): string | null {
  return process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set';
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export interface QueueWorld {
  db: Database;
  databaseUrl: string;
  prefix: string;
  redisUrl: string;
  web: DemoSites;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Writes a sites file for the demo web (and any extra sites) and returns its path. */
  sitesFile(opts?: { rate?: number; only?: string[]; extra?: object[]; schedules?: object[] }): string;
  startWorker(env?: NodeJS.ProcessEnv, args?: string[]): Promise<WorkerProcess>;
  kartla(args: string[], env?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<CliResult>;
  /** Starts `kartla map --queue` without waiting for it. */
  mapQueue(sitesFile: string, args?: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** The one run of the database once it exists. */
  waitForRun(timeoutMs?: number): Promise<number>;
  snapshotsOfRun(runId: number): Promise<number>;
  close(): Promise<void>;
}

/** Settings that make a dead worker's job come back in seconds, and retries quick. */
export const FAST_QUEUE_ENV: NodeJS.ProcessEnv = {
  KARTLA_JOB_LOCK_MS: '2000',
  KARTLA_STALLED_INTERVAL_MS: '1000',
  KARTLA_SITE_LOCK_MS: '3000',
  KARTLA_SITE_BACKOFF_MS: '500',
  KARTLA_RECOVER_INTERVAL_MS: '1500',
  KARTLA_SNAPSHOT_BATCH: '10',
};

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function openQueueWorld(opts: { redisUrl?: string; workerDatabaseUrl?: (url: string) => string } = {}): Promise<QueueWorld> {
  const pgdb = await createPostgresDatabase();
  const db = await openDatabase({ databaseUrl: pgdb.url });
  const web = await startDemoSites();
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-queue-'));
  const prefix = `kq-${process.pid}-${randomBytes(3).toString('hex')}`;
  const redisUrl = opts.redisUrl ?? TEST_REDIS_URL;
  const databaseUrl = pgdb.url;
  const env: NodeJS.ProcessEnv = { ...FAST_QUEUE_ENV, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, KARTLA_QUEUE_PREFIX: prefix };
  const workers: WorkerProcess[] = [];
  let files = 0;

  const world: QueueWorld = {
    db,
    databaseUrl,
    prefix,
    redisUrl,
    web,
    dir,
    env,
    sitesFile({ rate = 20_000, only, extra = [], schedules } = {}) {
      const file = path.join(dir, `sites-${(files += 1)}.yaml`);
      const sites = web.sites
        .filter((s) => !only || only.includes(s.id))
        .map((s) => ({ id: s.id, name: s.name, adapter: s.adapter, startUrls: s.startUrls, local: true }));
      writeFileSync(
        file,
        toYaml({
          crawl: { userAgent: 'KartlaBot/0.1 (queue tests)', maxRequestsPerMinute: rate, maxConcurrency: 4, maxRetries: 0, retryBackoffMs: 100, requestTimeoutSecs: 5, photos: false },
          ...(schedules ? { schedules } : {}),
          sites: [...sites, ...extra],
        }),
      );
      return file;
    },
    async startWorker(extraEnv = {}, args = []) {
      const workerUrl = opts.workerDatabaseUrl ? opts.workerDatabaseUrl(databaseUrl) : databaseUrl;
      const child = spawn(process.execPath, [BIN, 'worker', ...args], {
        env: { ...process.env, ...env, DATABASE_URL: workerUrl, ...extraEnv, CI: 'true', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const w: WorkerProcess = {
        child,
        output: () => out,
        exited,
        waitFor: (pattern, timeoutMs = 30_000) => until(`worker output ${pattern}\n${out}`, async () => pattern.test(out), timeoutMs, 100).then(() => {}),
      };
      workers.push(w);
      await w.waitFor(/ready/);
      return w;
    },
    kartla: (args, extraEnv = {}, timeoutMs = 110_000) => runCli(args, { env: { ...env, ...extraEnv }, timeoutMs }),
    mapQueue: (sitesFile, args = [], extraEnv = {}) => runCli(['map', '--queue', '--no-progress', '--sites', sitesFile, ...args], { env: { ...env, ...extraEnv }, timeoutMs: 110_000 }),
    waitForRun: (timeoutMs = 30_000) =>
      until('a run', async () => (await db.prisma.mappingRun.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id, timeoutMs),
    snapshotsOfRun: (runId) => db.prisma.profileSnapshot.count({ where: { runId } }),
    async close() {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await web.close();
      await db.close();
      await pgdb.drop().catch(() => {});
      await deleteKeys(redisUrl, `${prefix}:*`).catch(() => {});
    },
  };
  return world;
}

/** Removes a test's keys (its queue prefix) from Redis. */
export async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Every profile of a run stored once, and the site runs' counts agree with the snapshots. */
export async function duplicateProfiles(db: Database, runId: number): Promise<number> {
  const rows = await db.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT profile_id FROM profile_snapshot WHERE run_id = ${runId} GROUP BY profile_id HAVING count(*) > 1) d`;
  return rows[0]!.n;
}
