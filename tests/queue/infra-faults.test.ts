// The queue path through infrastructure faults: Redis restarted (without persistence: every job
// forgotten) mid-run, and PostgreSQL unreachable for a few seconds mid-run.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/local-server.ts';
import { duplicateProfiles, openQueueWorld, queueSkipReason, until, type QueueWorld } from './harness.ts';

const skip = queueSkipReason();

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (/Ready to accept connections/.test(out)) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A TCP proxy to PostgreSQL that the test can cut (every connection dropped, none accepted) and restore. */
async function startProxy(target: { host: string; port: number }): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const port = await closedPort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  return { port, cut: stop, restore: listen, close: stop };
}

describe.skipIf(skip !== null)(`queue infrastructure faults${skip ? ` [skipped: ${skip}]` : ''}`, () => {
  let world: QueueWorld | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await world?.close();
    world = undefined;
    for (const fn of cleanups.splice(0)) await fn().catch(() => {});
  });

  it('Redis restarted mid-run (its jobs forgotten): workers reconnect, the run is recovered and completes, no profile twice', async () => {
    const port = await closedPort();
    let redis = await startRedis(port);
    cleanups.push(() => stopRedis(redis));
    world = await openQueueWorld({ redisUrl: `redis://127.0.0.1:${port}` });
    const sites = world.sitesFile({ rate: 600, only: ['demo-stad', 'demo-tabell'] });
    const worker = await world.startWorker({}, ['--concurrency', '2']);
    const mapping = world.mapQueue(sites, ['--label', 'redis restart']);
    const runId = await world.waitForRun();
    await until('the crawl under way', async () => (await world!.snapshotsOfRun(runId)) >= 20, 60_000);
    await stopRedis(redis);
    await new Promise((r) => setTimeout(r, 2_000));
    redis = await startRedis(port);

    const result = await mapping;
    expect(result.code, result.stdout + result.stderr + worker.output()).toBe(0);
    expect(worker.output()).toMatch(/recovered the jobs of run/);
    const run = await world.db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('completed');
    const siteRuns = await world.db.prisma.siteRun.findMany({ where: { runId } });
    expect(siteRuns.map((s) => s.status)).toEqual(['ok', 'ok']);
    expect(await duplicateProfiles(world.db, runId)).toBe(0);
    expect(await world.snapshotsOfRun(runId)).toBe(120 + 81);
    expect(worker.child.exitCode).toBe(null);
  }, 110_000);

  it('PostgreSQL unreachable for a few seconds mid-run: writes wait and retry; nothing lost or duplicated', async () => {
    let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
    world = await openQueueWorld({
      workerDatabaseUrl: (url) => {
        const u = new URL(url);
        u.host = `127.0.0.1:${proxy!.port}`;
        return u.toString();
      },
    });
    const target = new URL(world.databaseUrl);
    proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cleanups.push(() => proxy!.close());
    const sites = world.sitesFile({ rate: 600, only: ['demo-stad'] });
    const worker = await world.startWorker();
    const mapping = world.mapQueue(sites, ['--label', 'database cut']);
    const runId = await world.waitForRun();
    await until('the crawl under way', async () => (await world!.snapshotsOfRun(runId)) >= 20, 60_000);
    await proxy.cut();
    const during = await world.snapshotsOfRun(runId);
    expect(during).toBeLessThan(120);
    await new Promise((r) => setTimeout(r, 4_000));
    // Nothing was written while the database could not be reached.
    expect(await world.snapshotsOfRun(runId)).toBe(during);
    await proxy.restore();

    const result = await mapping;
    expect(result.code, result.stdout + result.stderr + worker.output()).toBe(0);
    const siteRun = await world.db.prisma.siteRun.findUniqueOrThrow({ where: { runId_siteId: { runId, siteId: 'demo-stad' } } });
    expect(siteRun).toMatchObject({ status: 'ok', profilesFound: 120, attempts: 1 });
    expect(await world.snapshotsOfRun(runId)).toBe(120);
    expect(await duplicateProfiles(world.db, runId)).toBe(0);
  }, 110_000);
});
