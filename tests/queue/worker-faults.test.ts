// The queue path survives a worker killed mid-site, a worker told to stop, and a site that keeps
// failing: real `kartla worker` processes on the real PostgreSQL and Redis.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/local-server.ts';
import { duplicateProfiles, openQueueWorld, queueSkipReason, until, type QueueWorld } from './harness.ts';

const skip = queueSkipReason();

describe.skipIf(skip !== null)(`queue worker faults${skip ? ` [skipped: ${skip}]` : ''}`, () => {
  let world: QueueWorld;
  beforeEach(async () => {
    world = await openQueueWorld();
  });
  afterEach(async () => {
    await world?.close();
  });

  const siteRunOf = (runId: number, siteId: string) =>
    world.db.prisma.siteRun.findUniqueOrThrow({ where: { runId_siteId: { runId, siteId } } });

  it('takes up the site of a worker killed mid-crawl on another worker, and stores no profile twice', async () => {
    // Slow enough (8 pages/s) to be killed in the middle.
    const sites = world.sitesFile({ rate: 480, only: ['demo-stad'] });
    const first = await world.startWorker();
    const mapping = world.mapQueue(sites, ['--label', 'killed']);
    const runId = await world.waitForRun();
    await until('profiles of the first attempt', async () => (await world.snapshotsOfRun(runId)) >= 20, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    const before = await world.snapshotsOfRun(runId);
    expect(before).toBeLessThan(120);
    expect((await siteRunOf(runId, 'demo-stad')).status).toBe('running');

    const second = await world.startWorker();
    const result = await mapping;
    expect(result.code, result.stdout + result.stderr + second.output()).toBe(0);
    expect(result.stdout).toMatch(/completed/);
    const siteRun = await siteRunOf(runId, 'demo-stad');
    expect(siteRun.status).toBe('ok');
    expect(siteRun.attempts).toBe(2);
    expect(second.output()).toMatch(/demo-stad: crawling/);
    // Every profile once: the snapshots of the first attempt were not written again.
    expect(await duplicateProfiles(world.db, runId)).toBe(0);
    expect(await world.snapshotsOfRun(runId)).toBe(120);
    expect(siteRun.profilesFound).toBe(120);
    const run = await world.db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('completed');
  }, 110_000);

  it('SIGTERM: the worker finishes the job in hand, takes no new one and exits 0', async () => {
    const sites = world.sitesFile({ rate: 600, only: ['demo-tabell', 'demo-annons'] });
    const worker = await world.startWorker({}, ['--concurrency', '1']);
    const mapping = world.mapQueue(sites);
    const runId = await world.waitForRun();
    await until('a site started', async () => (await world.snapshotsOfRun(runId)) >= 10, 60_000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/SIGTERM: taking no new job/);
    // One site was done in full; the other was never taken up by this worker.
    const siteRuns = await world.db.prisma.siteRun.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(siteRuns.map((s) => s.status).sort()).toEqual(['ok', 'queued']);

    const next = await world.startWorker();
    const result = await mapping;
    expect(result.code, result.stderr + next.output()).toBe(0);
    expect((await world.db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe('completed');
  }, 110_000);

  it('a second SIGTERM hands the job in hand back; another worker completes it', async () => {
    const sites = world.sitesFile({ rate: 480, only: ['demo-stad'] });
    const worker = await world.startWorker();
    const mapping = world.mapQueue(sites);
    const runId = await world.waitForRun();
    await until('the crawl under way', async () => (await world.snapshotsOfRun(runId)) >= 20, 60_000);
    worker.child.kill('SIGTERM');
    await worker.waitFor(/taking no new job/);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/handed back/);
    expect((await siteRunOf(runId, 'demo-stad')).status).toBe('running');

    await world.startWorker();
    const result = await mapping;
    expect(result.code, result.stderr).toBe(0);
    const siteRun = await siteRunOf(runId, 'demo-stad');
    expect(siteRun).toMatchObject({ status: 'ok', attempts: 2, profilesFound: 120 });
    expect(await duplicateProfiles(world.db, runId)).toBe(0);
  }, 110_000);

  it('retries a site that keeps failing up to the limit, records it failed with its reason, and still finalises a partial run', async () => {
    const port = await closedPort();
    const sites = world.sitesFile({
      only: ['demo-tabell'],
      extra: [{ id: 'gone', name: 'Gone', adapter: 'demo-stad', startUrls: [`http://127.0.0.1:${port}/annonser`], local: true }],
    });
    const worker = await world.startWorker({ KARTLA_SITE_ATTEMPTS: '3', KARTLA_SITE_BACKOFF_MS: '400' });
    const started = Date.now();
    const result = await world.mapQueue(sites, ['--label', 'one site down']);
    expect(result.code, result.stdout + result.stderr + worker.output()).toBe(0);
    // Backoff 400 ms, then 800 ms: the third attempt comes at least 1.2 s after the first.
    expect(Date.now() - started).toBeGreaterThan(1_200);
    expect(worker.output().match(/site gone: failed, will retry/g)).toHaveLength(2);
    const runId = await world.waitForRun();
    const gone = await siteRunOf(runId, 'gone');
    expect(gone.status).toBe('failed');
    expect(gone.attempts).toBe(3);
    expect(gone.failureReason).toMatch(/no page could be read/);
    const run = await world.db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('partial');
    expect(result.stdout).toMatch(/partial/);
    expect(result.stdout).toMatch(/gone/);
    // Finalise ran: the run was clustered.
    expect(await world.db.prisma.clusterRun.count({ where: { runId } })).toBeGreaterThan(0);
    expect((await siteRunOf(runId, 'demo-tabell')).status).toBe('ok');
  }, 110_000);
});
