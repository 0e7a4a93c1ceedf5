// Retention on both drivers: purging the runs older than a limit removes their identifiers, URLs
// and texts (a dump of every table no longer holds them), keeps what newer runs still show, and
// leaves every report figure over the purged run as it was.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { clusterRun } from '../../src/cluster/cluster-run.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';
import { listClusters } from '../../src/store/cluster-queries.ts';
import { parseRetention, purgeOlderThan } from '../../src/store/purge.ts';
import { compareRuns } from '../../src/store/run-compare.ts';
import { exportRecords, listRuns, runFieldStats, runPhoneStats } from '../../src/store/run-queries.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone, location, makeProfile, phoneInfo } from '../store/fixtures.ts';

const OLD_ONLY = { phone: 31, telegram: 'purge_old_only_user', url: 'https://purge-probe.example/old/' };
const MALMO = location({ raw: 'Malmö', locality: 'Malmö', kommunCode: '1280', lanCode: '12', policeRegion: 'Syd' });

it('reads retention ages', () => {
  expect(parseRetention('400d')).toBe(400);
  expect(parseRetention('8w')).toBe(56);
  expect(parseRetention('18m')).toBe(540);
  expect(parseRetention(' 2Y ')).toBe(730);
  for (const bad of ['', '2', 'y', '0d', '-3d', '1.5y', 'two years', '3h']) expect(parseRetention(bad), bad).toBeNull();
});

describeDrivers('purging old runs', (driver) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(driver);
    await upsertSites(db, [{ id: 'alpha', name: 'Alpha' }]);
  });
  afterEach(async () => {
    await db?.drop();
  });

  async function run(profiles: ReturnType<typeof makeProfile>[], startedAt: Date): Promise<number> {
    const r = await startRun(db, { label: startedAt.toISOString().slice(0, 4) });
    await db.prisma.mappingRun.update({ where: { id: r.id }, data: { startedAt } });
    const siteRun = await startSiteRun(db, r.id, 'alpha');
    await writeSnapshots(db, { runId: r.id, siteRunId: siteRun.id, siteId: 'alpha' }, profiles);
    const errors = [{ url: `https://y${startedAt.getFullYear()}.errors.example/annons/7`, reason: 'HTTP 500', kind: 'http-status' }];
    await finishSiteRun(db, siteRun.id, { status: 'partial', pagesFetched: 9, profilesFound: profiles.length, errorCount: 1, errors, failureReason: null, durationMs: 1 });
    await finishRun(db, r.id, 'partial');
    await clusterRun(db, r.id);
    return r.id;
  }

  const text = (n: number) => ({ description: `Ny tjej i stan, ring mig dygnet runt. Annons nummer ${n} med en lång text om mig.` });

  async function dump(): Promise<string> {
    const tables = await db.prisma.$queryRaw<{ t: string }[]>`
      SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    let out = '';
    for (const { t } of tables) out += (await db.prisma.$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`)).map((r) => r.r).join('\n');
    return out;
  }
  async function records(runId: number, reveal: boolean): Promise<ExportRecord[]> {
    const out: ExportRecord[] = [];
    for await (const r of exportRecords(db, runId, { reveal })) out.push(r);
    return out;
  }

  it('forgets the identifiers and texts of old runs and keeps every figure of their reports', async () => {
    const old = await run(
      [
        makeProfile('alpha', 1, { phones: [phoneInfo(1)], rawText: text(1), photoHash: 'f0f0f0f0aaaa5555' }),
        makeProfile('alpha', 2, { phones: [phoneInfo(1)], rawText: text(2), contacts: [{ kind: 'telegram', value: OLD_ONLY.telegram, source: 'text' }] }),
        makeProfile('alpha', 3, { phones: [phoneInfo(OLD_ONLY.phone)], url: `${OLD_ONLY.url}3`, location: MALMO }),
        makeProfile('alpha', 4, { phones: [phoneInfo(OLD_ONLY.phone)], url: `${OLD_ONLY.url}4` }),
      ],
      new Date('2023-03-01T00:00:00Z'),
    );
    // A year later profile 1 is still up, with the same number; the others are gone.
    const recent = await run([makeProfile('alpha', 1, { phones: [phoneInfo(1)], rawText: text(1) }), makeProfile('alpha', 9, { phones: [phoneInfo(9)] })], new Date());

    const figures = async () => ({
      runs: (await listRuns(db)).map((r) => ({ ...r })),
      phones: await runPhoneStats(db, old),
      fields: await runFieldStats(db, old),
      compare: await compareRuns(db, old, recent).then((c) => JSON.stringify(c, (k, v) => (k === 'url' ? undefined : v))),
      clusters: await listClusters(db, old),
      combined: await listClusters(db, old, { view: 'combined' }),
      hidden: (await records(old, false)).map((r) => ({ ...r, lastSeen: null })),
    });
    const before = await figures();
    expect(await dump()).toContain('Ny tjej i stan');

    const report = await purgeOlderThan(db, new Date(Date.now() - 365 * 86_400_000));
    expect(report).toMatchObject({ runs: 1, snapshots: 4, phones: 1, contacts: 1, profiles: 3 });
    expect(await figures()).toEqual(before);

    // What only the old run showed is gone in every form; the old run's URLs are gone even in the error records.
    const text2 = await dump();
    for (const needle of [fictionalPhone(OLD_ONLY.phone), fictionalPhone(OLD_ONLY.phone).slice(3), OLD_ONLY.telegram, 'purge-probe.example', 'y2023.errors.example', 'Annons nummer 2', 'f0f0f0f0aaaa5555']) {
      expect(text2, needle).not.toContain(needle);
    }
    expect((await records(old, true)).every((r) => r.url === null)).toBe(true);
    expect((await records(old, true)).find((r) => r.externalId === '3')!.phones).toEqual([expect.stringMatching(/^hash:[0-9a-f]{64}$/)]);
    // What the recent run still shows stays readable there.
    const kept = await records(recent, true);
    expect(kept.find((r) => r.externalId === '1')).toMatchObject({ phones: [fictionalPhone(1)], url: expect.stringMatching(/^https:/) });
    // A second purge finds nothing left to remove.
    expect(await purgeOlderThan(db, new Date(Date.now() - 365 * 86_400_000))).toMatchObject({ runs: 1, snapshots: 0, phones: 0, contacts: 0, profiles: 0 });
  });
});

describeDrivers('retention after a mapping run', (driver) => {
  it('purges the runs older than retention.purgeAfterDays once a run has ended, failed runs included', async () => {
    const { runAndReport } = await import('../../src/cli/run-and-report.ts');
    const { crawlSettingsSchema } = await import('../../src/config/sites-schema.ts');
    const { closedPort } = await import('../helpers/local-server.ts');
    const { RunFailedError } = await import('../../src/errors.ts');
    const db = await openTestDatabase(driver);
    try {
      await upsertSites(db, [{ id: 'gone', name: 'Gone' }]);
      const old = await startRun(db, { label: 'old' });
      await db.prisma.mappingRun.update({ where: { id: old.id }, data: { startedAt: new Date('2020-01-01T00:00:00Z') } });
      const siteRun = await startSiteRun(db, old.id, 'gone');
      await writeSnapshots(db, { runId: old.id, siteRunId: siteRun.id, siteId: 'gone' }, [makeProfile('gone', 1)]);
      await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 1, profilesFound: 1, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
      await finishRun(db, old.id, 'completed');

      const port = await closedPort();
      const out: string[] = [];
      const sink = { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream;
      const site = {
        id: 'gone', name: 'Gone', adapter: 'demo-stad', startUrls: [`http://127.0.0.1:${port}/`], allowedHosts: [`127.0.0.1:${port}`],
        maxRequestsPerMinute: 600, maxConcurrency: 1, enabled: true, local: true, robotsOverride: null, notes: null,
      };
      await expect(
        runAndReport({ db, sites: [site], crawl: crawlSettingsSchema.parse({ maxRetries: 0, requestTimeoutSecs: 2 }), label: null, options: {}, progress: false, out: sink, purgeAfterDays: 365 }),
      ).rejects.toBeInstanceOf(RunFailedError);
      expect(out.join('')).toMatch(/Retention \(retention\.purgeAfterDays: 365\): identifiers, URLs and texts of 1 snapshots/);
      const snapshot = await db.prisma.profileSnapshot.findFirstOrThrow({ where: { runId: old.id } });
      expect(snapshot.urlEnc).toBeNull();
    } finally {
      await db.drop();
    }
  });
});
