// The queue path's writes: a queued run, site runs taken up (again) by workers, counts recounted
// from the snapshots, and queue runs left alone by the stale-run sweep of in-process runs.

import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  countSiteRunSnapshots,
  createQueuedRun,
  failUnfinishedSiteRuns,
  finishRun,
  finishSiteRun,
  markStaleRunsInterrupted,
  requeueSiteRun,
  takeSiteRun,
  upsertSites,
  writeSnapshots,
} from '../../src/store/run-store.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { manyProfiles } from './fixtures.ts';

describeDrivers('site run take-over (queue path)', (driver) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(driver);
    await upsertSites(db, [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ]);
  });
  afterEach(async () => {
    await db.drop();
  });

  it('creates a queued run; the first take-up makes it running; a retake counts the attempt and stores no profile twice', async () => {
    const run = await createQueuedRun(db, { label: 'q', siteIds: ['a', 'b'] });
    expect((await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('queued');
    expect((await db.prisma.siteRun.findMany({ where: { runId: run.id } })).map((s) => s.status)).toEqual(['queued', 'queued']);
    // Not stale: the queue owns it.
    await takeSiteRun(db, run.id, 'b');
    expect(await markStaleRunsInterrupted(db)).toEqual([]);

    const first = await takeSiteRun(db, run.id, 'a');
    expect(first).toMatchObject({ attempts: 1, finished: null });
    expect((await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('running');
    const ctx = { runId: run.id, siteRunId: first.id, siteId: 'a' };
    await writeSnapshots(db, ctx, manyProfiles('a', 30));
    // The worker dies; another takes the same site run up and writes everything again.
    const second = await takeSiteRun(db, run.id, 'a');
    expect(second).toMatchObject({ id: first.id, attempts: 2, finished: null });
    const again = await writeSnapshots(db, ctx, manyProfiles('a', 50));
    expect(again).toEqual({ written: 20, duplicates: 30 });
    expect(await countSiteRunSnapshots(db, first.id)).toBe(50);
    await finishSiteRun(db, first.id, { status: 'ok', pagesFetched: 60, profilesFound: 50, errorCount: 0, errors: [], durationMs: 5 });
    // A job taken up once more after the result was stored does nothing.
    expect(await takeSiteRun(db, run.id, 'a')).toMatchObject({ id: first.id, attempts: 2, finished: 'ok' });
  });

  it('puts a failed attempt back in the queue with its reason; the finalise step fails site runs that never ended', async () => {
    const run = await createQueuedRun(db, { siteIds: ['a', 'b'] });
    const taken = await takeSiteRun(db, run.id, 'a');
    await requeueSiteRun(db, taken.id, 'no page could be read');
    const a = await db.prisma.siteRun.findUniqueOrThrow({ where: { id: taken.id } });
    expect(a).toMatchObject({ status: 'queued', failureReason: 'no page could be read', attempts: 1 });
    expect(await failUnfinishedSiteRuns(db, run.id, new Map([['b', 'job stalled more than allowable limit']]), 'lost')).toBe(2);
    const rows = await db.prisma.siteRun.findMany({ where: { runId: run.id }, orderBy: { siteId: 'asc' } });
    expect(rows.map((r) => [r.siteId, r.status, r.failureReason])).toEqual([
      ['a', 'failed', 'no page could be read'],
      ['b', 'failed', 'job stalled more than allowable limit'],
    ]);
    // A queued run whose sites all failed before starting still ends.
    await finishRun(db, run.id, 'failed');
    expect((await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('failed');
  });
});
