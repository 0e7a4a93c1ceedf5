// Politeness across workers: however many workers there are, a site is crawled by one at a time,
// so its request rate stays under the sites file's limit.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQueueWorld, queueSkipReason, type QueueWorld } from './harness.ts';

const skip = queueSkipReason();

describe.skipIf(skip !== null)(`queue politeness${skip ? ` [skipped: ${skip}]` : ''}`, () => {
  let world: QueueWorld;
  beforeEach(async () => {
    world = await openQueueWorld();
  });
  afterEach(async () => {
    await world?.close();
  });

  it('two runs of the same site on two workers crawl it one after the other', async () => {
    const sites = world.sitesFile({ rate: 1_200, only: ['demo-tabell'] });
    await world.startWorker();
    await world.startWorker();
    const [a, b] = await Promise.all([world.mapQueue(sites, ['--label', 'first']), world.mapQueue(sites, ['--label', 'second'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const siteRuns = await world.db.prisma.siteRun.findMany({ where: { siteId: 'demo-tabell' }, orderBy: { startedAt: 'asc' } });
    expect(siteRuns).toHaveLength(2);
    expect(siteRuns.map((s) => s.status)).toEqual(['ok', 'ok']);
    const [first, second] = siteRuns;
    // The second crawl started only once the first had ended.
    expect(second!.startedAt.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());
  }, 110_000);
});
