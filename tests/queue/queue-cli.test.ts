// The queue commands' edges: help, bad arguments (exit 2), Redis down (exit 1 with a hint), and a
// queued run that nobody works on yet, as `kartla runs` shows it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { openQueueWorld, queueSkipReason, until, type QueueWorld } from './harness.ts';

describe('queue commands: usage', () => {
  it.each(['worker', 'scheduler'])('kartla %s --help has examples', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n\s+.*kartla/);
  });

  it('rejects bad arguments and a missing DATABASE_URL with exit 2', async () => {
    const zero = await runCli(['worker', '--concurrency', '0'], { env: { DATABASE_URL: 'postgresql://x@127.0.0.1:1/x' } });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--concurrency/);
    const noDb = await runCli(['worker']);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toMatch(/DATABASE_URL/);
    const badRedis = await runCli(['worker'], { env: { DATABASE_URL: 'postgresql://x@127.0.0.1:1/x', REDIS_URL: 'http://nope' } });
    expect(badRedis.code).toBe(2);
    expect(badRedis.stderr).toMatch(/REDIS_URL must start with redis:\/\//);
  });

  it('says Redis cannot be reached, naming REDIS_URL, with exit 1', async () => {
    const result = await runCli(['worker'], { env: { DATABASE_URL: 'postgresql://x@127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*REDIS_URL/s);
  });
});

const skip = queueSkipReason();

describe.skipIf(skip !== null)(`kartla map --queue with no worker yet${skip ? ` [skipped: ${skip}]` : ''}`, () => {
  let world: QueueWorld;
  beforeAll(async () => {
    world = await openQueueWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('queues the run; Ctrl-C stops following (exit 130) and `kartla runs` shows it queued', async () => {
    const sites = world.sitesFile({ only: ['demo-tabell'] });
    let stderr = '';
    let interrupted = false;
    const following = runCli(['map', '--queue', '--no-progress', '--sites', sites, '--label', 'waiting'], {
      env: world.env,
      onSpawn(child) {
        child.stderr!.on('data', (d) => {
          stderr += d;
          if (!interrupted && /queued/.test(stderr)) {
            interrupted = true;
            setTimeout(() => child.kill('SIGINT'), 300);
          }
        });
      },
    });
    const result = await following;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/Run \d+ queued: 1 site job/);
    expect(result.stderr).toMatch(/goes on on the workers/);
    const runs = await world.kartla(['runs']);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/waiting.*0 of 1 sites done.*queued/);

    // A worker picks it up later; the run completes without anyone following it.
    await world.startWorker();
    const runId = await world.waitForRun();
    await until('the run completed', async () => (await world.db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } })).status === 'completed', 60_000);
  }, 90_000);
});
