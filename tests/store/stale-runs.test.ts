// markStaleRunsInterrupted: a run whose process died (kill -9) is marked interrupted at the next
// start; a run whose process is alive is left alone. The dying process is a real child process.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { DataDirInUseError } from '../../src/store/errors.ts';
import { getRun } from '../../src/store/run-queries.ts';
import { markStaleRunsInterrupted, startRun } from '../../src/store/run-store.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Child {
  process: ChildProcess;
  runId: number;
  siteRunId: number;
}

/** Starts tests/store/child-run.ts on the given database and waits until its run has started. */
async function startChildRun(open: object): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/store/child-run.ts')], {
    cwd: ROOT,
    env: { ...process.env, KARTLA_TEST_OPEN: JSON.stringify(open) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before starting its run:\n${stderr}`)));
  });
  const ids = JSON.parse(line) as { runId: number; siteRunId: number };
  return { process: child, ...ids };
}

async function killHard(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}

/** PostgreSQL frees a dead client's locks once it notices the closed connection: allow a moment. */
async function eventually<T>(fn: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeDrivers('stale runs', (driver) => {
  let db: TestDatabase | undefined;
  const others: Database[] = [];
  const children: Child[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    await Promise.all(children.splice(0).map(killHard));
    await Promise.all(others.splice(0).map((o) => o.close()));
    await db?.drop();
    db = undefined;
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('marks a run without a live owner, and leaves this process\'s own running run alone', async () => {
    db = await openTestDatabase(driver);
    const own = await startRun(db, { label: 'own' });
    // A run row with no owner, as a process that died before any lease would leave it.
    const orphan = await db.prisma.mappingRun.create({ data: { label: 'orphan' } });

    expect(await markStaleRunsInterrupted(db)).toEqual([orphan.id]);
    expect((await getRun(db, orphan.id)).status).toBe('interrupted');
    expect((await getRun(db, own.id)).status).toBe('running');
    expect(await markStaleRunsInterrupted(db)).toEqual([]);
  });

  if (driver === 'postgres') {
    it('leaves a run of another live process alone, and marks it once that process is killed -9', async () => {
      db = await openTestDatabase('postgres');
      const child = await startChildRun({ databaseUrl: db.url });
      children.push(child);

      expect(await markStaleRunsInterrupted(db)).toEqual([]);
      expect((await getRun(db, child.runId)).status).toBe('running');

      await killHard(child);
      const marked = await eventually(() => markStaleRunsInterrupted(db!), (ids) => ids.length > 0);

      expect(marked).toEqual([child.runId]);
      const run = await getRun(db, child.runId);
      expect(run.status).toBe('interrupted');
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(run.siteRuns.map((s) => [s.id, s.status])).toEqual([[child.siteRunId, 'interrupted']]);
    });

    it('sees a run of another open handle as live until that handle closes', async () => {
      db = await openTestDatabase('postgres');
      const other = await openDatabase({ databaseUrl: db.url! });
      others.push(other);
      const run = await startRun(other, { label: 'other' });
      expect(await markStaleRunsInterrupted(db)).toEqual([]);
      await other.close();
      expect(await eventually(() => markStaleRunsInterrupted(db!), (ids) => ids.length > 0)).toEqual([run.id]);
    });
  } else {
    it('keeps a live process out of the data folder, and marks its run once it is killed -9', async () => {
      const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'kartla-stale-')), 'data');
      dirs.push(path.dirname(dataDir));
      const child = await startChildRun({ dataDir });
      children.push(child);

      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);

      await killHard(child);
      const reopened = await openDatabase({ dataDir });
      others.push(reopened);
      expect(await markStaleRunsInterrupted(reopened)).toEqual([child.runId]);
      const run = await getRun(reopened, child.runId);
      expect(run.status).toBe('interrupted');
      expect(run.siteRuns.map((s) => [s.id, s.status])).toEqual([[child.siteRunId, 'interrupted']]);
    });
  }
});
