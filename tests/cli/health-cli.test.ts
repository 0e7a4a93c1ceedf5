// `kartla health` as a user runs it (the real binary) against an embedded database: a run not
// assessed yet is assessed on the spot, the table and the JSON, thresholds from a sites file, and
// clear errors (exit 2) for a run that is not there.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import type { NormalisedProfile } from '../../src/model/profile.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeProfile } from '../store/fixtures.ts';

const profiles = (siteId: string, count: number, overrides: Partial<NormalisedProfile> = {}) =>
  Array.from({ length: count }, (_, i) => makeProfile(siteId, i, overrides));

describe('kartla health', () => {
  let dir: string;
  let secondRun: number;
  const cli = (args: string[]) => runCli(['health', ...args], { env: { KARTLA_DATA_DIR: path.join(dir, 'data') } });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kartla-health-cli-'));
    const db = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      await upsertSites(db, [
        { id: 'alpha', name: 'Alpha' },
        { id: 'beta', name: 'Beta' },
      ]);
      const runs: Record<string, NormalisedProfile[]>[] = [
        { alpha: profiles('alpha', 40), beta: profiles('beta', 30) },
        // alpha's phones vanish; beta loses two thirds of its profiles.
        { alpha: profiles('alpha', 40, { phones: [] }), beta: profiles('beta', 10) },
      ];
      for (const sites of runs) {
        const run = await startRun(db, { label: 'cli test' });
        for (const [siteId, list] of Object.entries(sites)) {
          const sr = await startSiteRun(db, run.id, siteId);
          await writeSnapshots(db, { runId: run.id, siteRunId: sr.id, siteId }, list);
          await finishSiteRun(db, sr.id, { status: 'ok', pagesFetched: list.length + 2, profilesFound: list.length, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
        }
        await finishRun(db, run.id, 'completed');
        secondRun = run.id;
      }
    } finally {
      await db.close();
    }
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has help with examples', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+kartla health\n/);
    expect(r.stdout).toMatch(/--run <id\|latest>/);
  });

  it('rejects a run that is not there, with exit 2', async () => {
    for (const [ref, says] of [
      ['last-year', /"last-year" is not a run id/],
      ['99999', /no run with id 99999/],
    ] as const) {
      const r = await cli(['--run', ref]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(says);
    }
  });

  it('assesses a run not assessed yet, and lists its health per site and its alerts', async () => {
    const r = await cli([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Run ${secondRun} had not been assessed`));
    expect(r.stdout).toMatch(new RegExp(`^Run ${secondRun} "cli test": completed`));
    expect(r.stdout).toMatch(/alpha.*ok.*42.*40/);
    expect(r.stdout).toMatch(/Alerts \(2\):/);
    expect(r.stdout).toContain('critical site alpha: phone fill rate 1.00 → 0.00 vs last run: the adapter may be out of date');
    expect(r.stdout).toContain('warning  site beta: profiles -67% vs last run (30 → 10)');
    // Shown again, it is not assessed a second time.
    const again = await cli(['--run', String(secondRun)]);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('Alerts (2):');
  });

  it('prints one JSON object with --json', async () => {
    const r = await cli(['--run', 'latest', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { runId: number; sites: { siteId: string; health: { profiles: number; fillRates: Record<string, number> } }[]; alerts: { kind: string }[] };
    expect(report.runId).toBe(secondRun);
    expect(report.sites.map((s) => [s.siteId, s.health.profiles, s.health.fillRates.phone])).toEqual([
      ['alpha', 40, 0],
      ['beta', 10, 1],
    ]);
    expect(report.alerts.map((a) => a.kind)).toEqual(['fill-rate-drop', 'profiles-drop']);
  });

  it("assesses again with a sites file's thresholds", async () => {
    const file = path.join(dir, 'sites.yaml');
    writeFileSync(
      file,
      'alerts:\n  profileDrop: 0.7\nsites:\n  - id: alpha\n    name: Alpha\n    startUrls: ["https://alpha.example/"]\n    adapter: demo-stad\n',
    );
    const r = await cli(['--sites', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { alerts: { kind: string }[] }).alerts.map((a) => a.kind)).toEqual(['fill-rate-drop']);
    const bad = await cli(['--sites', path.join(dir, 'missing.yaml')]);
    expect(bad.code).toBe(2);
  });
});
