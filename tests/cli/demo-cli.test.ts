// The README's first command as a user runs it, then `runs` and `export` on what it stored,
// and Ctrl-C in the middle of a run.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as toYaml } from 'yaml';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { startDemoSites } from '../../src/demo/server.ts';
import { DEMO_SEED } from '../../src/cli/commands/demo.ts';
import { EXPORT_KEYS } from '../../src/model/export-record.ts';
import { openDatabase } from '../../src/store/database.ts';

const work = mkdtempSync(path.join(tmpdir(), 'kartla-demo-cli-'));
const dataDir = path.join(work, 'data');
let demo: CliResult;

/** Every way the demo's phones could be printed: E.164 and the national digits. */
async function demoPhoneDigits(): Promise<string[]> {
  const sites = await startDemoSites({ seed: DEMO_SEED, epoch: 0 });
  try {
    return [...new Set(sites.groundTruth().flatMap((t) => t.phones))];
  } finally {
    await sites.close();
  }
}

/** The paths of the demo's profile pages (the port differs from run to run; the path does not). */
async function demoProfilePaths(): Promise<string[]> {
  const sites = await startDemoSites({ seed: DEMO_SEED, epoch: 0 });
  try {
    return sites.groundTruth().map((t) => new URL(t.url).pathname);
  } finally {
    await sites.close();
  }
}

beforeAll(async () => {
  demo = await runCli(['demo', '--no-progress'], { env: { KARTLA_DATA_DIR: dataDir }, cwd: work });
}, 120_000);

describe('kartla demo', () => {
  it('maps the demo sites and exits 0 with a summary and a perfect ground-truth check', () => {
    expect(demo.stderr).not.toMatch(/unexpected error/);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/Run 1 "demo": completed in [\d.]+ s/);
    expect(demo.stdout).toMatch(/Total/);
    expect(demo.stdout).toMatch(/Phones shared by two or more profiles: \d+/);
    expect(demo.stdout).toMatch(/(\d+) of \1 profiles found, 0 unexpected/);
    expect(demo.stdout).toMatch(/stated age 100\.0%, gender 100\.0%, phone sets 100\.0%/);
  });

  it('prints no runtime warnings (they would break the live display)', () => {
    expect(demo.stderr).not.toMatch(/Warning|DeprecationWarning|MaxListeners/);
  });

  it('prints plain progress lines without a terminal', () => {
    expect(demo.stderr).toMatch(/run 1: mapping 3 site\(s\)/);
    expect(demo.stderr).toMatch(/: ok, \d+ pages, \d+ profiles, 0 errors/);
  });

  it('never prints a phone number in clear', async () => {
    const output = demo.stdout + demo.stderr;
    for (const e164 of await demoPhoneDigits()) {
      const national = e164.startsWith('+46') ? `0${e164.slice(3)}` : e164.slice(1);
      expect(output.replace(/[\s\-.]/g, '')).not.toContain(national);
      expect(output).not.toContain(e164);
    }
  });

  it('never prints a profile URL', async () => {
    const output = demo.stdout + demo.stderr;
    const paths = await demoProfilePaths();
    expect(paths.length).toBeGreaterThan(100);
    for (const p of paths) expect(output, p).not.toContain(p);
  });

  it('leaves no crawlee ./storage folder behind', () => {
    expect(existsSync(path.join(work, 'storage'))).toBe(false);
    expect(existsSync(path.join(dataDir))).toBe(true);
  });
});

describe('kartla runs and export', () => {
  it('lists the demo run', async () => {
    const r = await runCli(['runs'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ 1\s+│ demo\s+│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d │ \d{4}-.* │ completed │ 3\s+│ 0\s+│ \d+/);
    const json = JSON.parse((await runCli(['runs', '--json'], { env: { KARTLA_DATA_DIR: dataDir } })).stdout);
    expect(json[0]).toMatchObject({ id: 1, label: 'demo', status: 'completed', sitesOk: 3, sitesFailed: 0 });
  });

  it('exports JSON Lines with every key of the contract, nulls included', async () => {
    const r = await runCli(['export', '--run', 'latest', '--format', 'jsonl'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const runs = JSON.parse((await runCli(['runs', '--json'], { env: { KARTLA_DATA_DIR: dataDir } })).stdout);
    expect(records).toHaveLength(runs[0].profiles);
    for (const record of records) {
      expect(Object.keys(record)).toEqual([...EXPORT_KEYS]);
      expect(Array.isArray(record.phones)).toBe(true);
      expect(record.clusterId === null || /^\d+$/.test(record.clusterId)).toBe(true);
    }
    // Profiles that show the same number are in one cluster; a cluster always holds two or more.
    const byPhone = new Map<string, Set<string | null>>();
    const bySize = new Map<string, number>();
    for (const r of records as { phones: string[]; clusterId: string | null }[]) {
      for (const p of r.phones) byPhone.set(p, new Set([...(byPhone.get(p) ?? []), r.clusterId]));
      if (r.clusterId) bySize.set(r.clusterId, (bySize.get(r.clusterId) ?? 0) + 1);
    }
    expect(bySize.size).toBeGreaterThan(0);
    for (const [phone, clusters] of byPhone) expect(clusters.size, phone).toBe(1);
    for (const n of bySize.values()) expect(n).toBeGreaterThanOrEqual(2);
    expect(records.some((r: { age: number | null }) => r.age === null)).toBe(true);
  });

  it('exports CSV to a file with the same records', async () => {
    const out = path.join(work, 'run.csv');
    const r = await runCli(['export', '--run', '1', '--format', 'csv', '--out', out], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Wrote \d+ records of run 1 to /);
    const rows = parseCsv(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_KEYS]);
    const jsonl = (await runCli(['export', '--run', '1'], { env: { KARTLA_DATA_DIR: dataDir } })).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(jsonl.length);
    expect(rows[0]!.phones).toBe(jsonl[0].phones.join(' '));
    expect(rows[0]!.url).toBe('');
    expect(jsonl[0].url).toBeNull();
  });

  it('exports identifiers as keyed hashes unless --reveal, and writes every reveal to the audit log', async () => {
    const env = { KARTLA_DATA_DIR: dataDir };
    const hidden = await runCli(['export', '--run', '1'], { env });
    const digits = await demoPhoneDigits();
    for (const e164 of digits) expect(hidden.stdout).not.toContain(e164.slice(3));
    expect(hidden.stdout).not.toMatch(/"url":"http/);
    expect(hidden.stdout).toMatch(/"phones":\["hash:[0-9a-f]{64}"/);
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.auditEvent.count()).toBe(0);
    } finally {
      await db.close();
    }
    const shown = await runCli(['export', '--run', '1', '--reveal'], { env: { ...env, KARTLA_ACTOR: 'analyst-a' } });
    expect(shown.code).toBe(0);
    const revealed = shown.stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; phones: string[] });
    expect(revealed.every((r) => r.url.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(new Set(revealed.flatMap((r) => r.phones))).toEqual(new Set(digits));
    // Equal numbers have equal hashes: the groups are the same whether revealed or not.
    const hiddenRecords = hidden.stdout.trim().split('\n').map((l) => JSON.parse(l) as { clusterId: string | null; phones: string[] });
    expect(hiddenRecords.map((r) => r.clusterId)).toEqual(revealed.map((r) => (r as unknown as { clusterId: string | null }).clusterId));
    const check = await openDatabase({ dataDir });
    try {
      const events = await check.prisma.auditEvent.findMany();
      expect(events).toEqual([expect.objectContaining({ actor: 'analyst-a', action: 'reveal', target: 'export run 1' })]);
    } finally {
      await check.close();
    }
  });

  it('renormalises the demo run from its stored raw values: the same normalisers change nothing', async () => {
    const dry = await runCli(['renormalise', '--run', 'latest', '--dry-run'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Run 1: (\d+) snapshots, 0 would change \(age 0, minor cue 0, gender 0, place 0, phones 0, contacts 0\)\.$/m);
    const real = await runCli(['renormalise', '--run', '1'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/0 changed/);
  });

  it('scores a run against a ground-truth file with kartla eval', async () => {
    const records = (await runCli(['export', '--run', '1', '--reveal'], { env: { KARTLA_DATA_DIR: dataDir } })).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Truth built from the run itself, less one profile: recall is perfect, precision is not.
    const truth = records.slice(1).map((r: Record<string, unknown>) => ({ ...r, organisation: null }));
    const file = path.join(work, 'truth.jsonl');
    writeFileSync(file, truth.map((t: unknown) => JSON.stringify(t)).join('\n'));
    const r = await runCli(['eval', '--truth', file, '--run', '1', '--json'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    const score = JSON.parse(r.stdout);
    expect(score.profiles).toMatchObject({ truth: records.length - 1, run: records.length, matched: records.length - 1, recall: 1 });
    expect(score.profiles.precision).toBeCloseTo((records.length - 1) / records.length, 6);
    expect(score.fields.age.rate).toBe(1);
    const text = await runCli(['eval', '--truth', file, '--run', '1'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(text.stdout).toMatch(/Profiles\s+truth\s+run\s+matched\s+recall\s+precision/);
    const missing = await runCli(['eval', '--truth', path.join(work, 'nope.jsonl'), '--run', '1'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl: cannot read the ground-truth file \(ENOENT\)/);
  });

  it('refuses an unknown run with a hint', async () => {
    const r = await runCli(['export', '--run', '999'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/999/);
    expect(r.stderr).toMatch(/kartla runs/);
    const bad = await runCli(['export', '--run', 'yesterday'], { env: { KARTLA_DATA_DIR: dataDir } });
    expect(bad.code).toBe(2);
  });
});

describe('Ctrl-C during a run', () => {
  let sites: Awaited<ReturnType<typeof startDemoSites>>;
  beforeAll(async () => {
    sites = await startDemoSites({ seed: 5, epoch: 0 });
  });
  afterAll(async () => {
    await sites?.close();
  });

  it('marks the run interrupted, exits 130 and leaves only whole snapshots', async () => {
    // Slow enough (2 pages a second per site) that the run is still going when we interrupt it.
    const file = path.join(work, 'slow-sites.yaml');
    writeFileSync(
      file,
      toYaml({
        crawl: { maxRequestsPerMinute: 120, maxConcurrency: 1, userAgent: 'KartlaTest' },
        sites: sites.sites.map((s) => ({ id: s.id, name: s.name, adapter: s.adapter, startUrls: s.startUrls, local: true })),
      }),
    );
    const slowData = path.join(work, 'slow-data');
    let sent = false;
    const result = await runCli(['map', '--sites', file, '--no-progress', '--label', 'to be interrupted'], {
      env: { KARTLA_DATA_DIR: slowData },
      onSpawn(child) {
        child.stderr!.on('data', (chunk: Buffer) => {
          if (!sent && /started/.test(String(chunk))) {
            sent = true;
            setTimeout(() => child.kill('SIGINT'), 6000);
          }
        });
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/Stopping/);
    expect(result.stderr).toMatch(/interrupted/);

    const db = await openDatabase({ dataDir: slowData });
    try {
      const run = await db.prisma.mappingRun.findFirstOrThrow({ include: { siteRuns: true } });
      expect(run.status).toBe('interrupted');
      expect(run.finishedAt).not.toBeNull();
      expect(run.siteRuns.every((s) => s.status === 'interrupted')).toBe(true);
      const snapshots = await db.prisma.profileSnapshot.findMany({ include: { phones: { include: { phone: true } } } });
      const truth = new Map(sites.groundTruth().map((t) => [t.url, t]));
      expect(snapshots.length).toBeGreaterThan(0);
      expect(snapshots.length).toBeLessThan(truth.size);
      for (const snapshot of snapshots) {
        const expected = truth.get(db.cipher.decrypt(snapshot.urlEnc!))!;
        expect(snapshot.phones.map((p) => db.cipher.decrypt(p.phone.e164Enc!)).sort()).toEqual([...expected.phones].sort());
      }
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('kartla demo --serve-only', () => {
  it.each([
    ['small', ['--port', '18471']],
    ['national', []],
  ] as const)('serves the %s web and prints the path of a valid sites file first', async (scale, extra) => {
    const { loadSitesFile } = await import('../../src/config/sites-loader.ts');
    const { adapterNames } = await import('../../crawlers/index.ts');
    let firstLine = '';
    const result = await runCli(['demo', '--serve-only', '--scale', scale, ...extra], {
      onSpawn(child) {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += String(chunk);
          if (!firstLine && out.includes('\n')) {
            firstLine = out.split('\n')[0]!;
            child.kill('SIGINT');
          }
        });
      },
    });
    expect(result.code).toBe(0);
    const loaded = loadSitesFile(firstLine, { knownAdapters: adapterNames() });
    expect(loaded.sites.length).toBe(scale === 'small' ? 3 : 46);
    if (scale === 'small') expect(loaded.sites[0]!.startUrls[0]).toContain(':18471/');
    else expect(existsSync(path.join(path.dirname(firstLine), 'truth.jsonl'))).toBe(true);
  });
});
