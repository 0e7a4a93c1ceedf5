// `kartla purge` as an operator runs it: a clear refusal of an unreadable age (exit 2), a dry run
// that changes nothing, and a purge that reports what it forgot.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeProfile } from '../store/fixtures.ts';

describe('kartla purge', () => {
  it('refuses an age it cannot read, and purges old runs after a dry run', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'kartla-purge-')), 'data');
    const env = { KARTLA_DATA_DIR: dataDir };
    for (const bad of ['soon', '12', '3h']) {
      const r = await runCli(['purge', '--older-than', bad], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--older-than "${bad}" is not an age: use a number and d, w, m or y`));
    }
    expect((await runCli(['purge'], { env })).code).toBe(2);

    const db = await openDatabase({ dataDir });
    await upsertSites(db, [{ id: 'p', name: 'P' }]);
    const run = await startRun(db, { label: 'old' });
    await db.prisma.mappingRun.update({ where: { id: run.id }, data: { startedAt: new Date('2022-01-01T00:00:00Z') } });
    const siteRun = await startSiteRun(db, run.id, 'p');
    await writeSnapshots(db, { runId: run.id, siteRunId: siteRun.id, siteId: 'p' }, [makeProfile('p', 1), makeProfile('p', 2)]);
    await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 2, profilesFound: 2, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
    await finishRun(db, run.id, 'completed');
    await db.close();

    const dry = await runCli(['purge', '--older-than', '1y', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Would purge 1 run\(s\) started before \d{4}-\d\d-\d\d: 1/);
    expect((await runCli(['export', '--run', '1', '--reveal'], { env })).stdout).toMatch(/"url":"https:/);
    const real = await runCli(['purge', '--older-than', '1y'], { env });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Purged 1 run\(s\) .*: 2 snapshots, 2 numbers, 0 contacts and 2 profile URLs forgotten/);
    expect((await runCli(['export', '--run', '1', '--reveal'], { env })).stdout).not.toMatch(/"url":"https:/);
  });
});
