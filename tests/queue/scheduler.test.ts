// `kartla scheduler` keeps the sites file's schedules as BullMQ job schedulers: a scheduled run
// starts on time, and two schedulers running together start it once.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.ts';
import { openQueueWorld, queueSkipReason, until, type QueueWorld } from './harness.ts';

const skip = queueSkipReason();

describe.skipIf(skip !== null)(`kartla scheduler${skip ? ` [skipped: ${skip}]` : ''}`, () => {
  let world: QueueWorld;
  const schedulers: ChildProcess[] = [];
  beforeEach(async () => {
    world = await openQueueWorld();
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) if (s.exitCode === null) s.kill('SIGKILL');
    await world?.close();
  });

  function startScheduler(sitesFile: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [BIN, 'scheduler', '--sites', sitesFile, '--resync', '1'], {
      env: { ...process.env, ...world.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    schedulers.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    return { child, output: () => out, exited: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
  }

  it('starts a scheduled run on time, once per time with two schedulers running', async () => {
    const sites = world.sitesFile({
      only: ['demo-tabell', 'demo-annons'],
      schedules: [{ id: 'every-four', cron: '*/4 * * * * *', label: 'every four seconds', sites: ['demo-tabell'] }],
    });
    const a = startScheduler(sites);
    const b = startScheduler(sites);
    await until('both schedulers up', async () => /keeping 1 schedule/.test(a.output()) && /keeping 1 schedule/.test(b.output()), 30_000);
    expect(a.output()).toMatch(/schedule every-four: "\*\/4 \* \* \* \* \*" .*next run/);
    await world.startWorker({}, ['--concurrency', '2']);

    // Three ticks or so, with both schedulers re-upserting every second meanwhile.
    const runs = await until(
      'three scheduled runs',
      async () => {
        const rows = await world.db.prisma.mappingRun.findMany({ orderBy: { id: 'asc' } });
        return rows.length >= 3 ? rows : null;
      },
      40_000,
    );
    for (const run of runs) {
      expect(run.label).toBe('every four seconds');
      const options = run.options as { schedule: string; scheduledJob: string; sites: string[] };
      expect(options.schedule).toBe('every-four');
      expect(options.sites).toEqual(['demo-tabell']);
      // On time: the run is created within two seconds of its tick (a multiple of 4 s).
      const tick = Math.floor(run.startedAt.getTime() / 4000) * 4000;
      expect(run.startedAt.getTime() - tick).toBeLessThan(2_000);
    }
    // Once per tick: no two runs for the same tick.
    const ticks = runs.map((r) => Math.floor(r.startedAt.getTime() / 4000));
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(new Set(runs.map((r) => (r.options as { scheduledJob: string }).scheduledJob)).size).toBe(runs.length);
    await until('the first run finished', async () => (await world.db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runs[0]!.id } })).status === 'completed', 30_000);

    for (const s of [a, b]) s.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
  }, 110_000);

  it('says what is wrong: no schedules (exit 2), Redis down (exit 1)', async () => {
    const plain = world.sitesFile();
    const none = await world.kartla(['scheduler', '--sites', plain, '--once']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no `schedules:`/);
    const withSchedule = world.sitesFile({ schedules: [{ id: 'm', cron: '0 3 1 * *', label: 'monthly' }] });
    const down = await world.kartla(['scheduler', '--sites', withSchedule, '--once'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/REDIS_URL/);
    const help = await world.kartla(['scheduler', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
  });
});
